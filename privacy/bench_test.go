package privacy

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
)

// benchAnswers makes n feedback answers of 30 to 50 words, in the manner of
// sample-data/gen (a small clinical vocabulary, common words more often),
// with sentences that start with a capital, a few capitalised words in
// mid-sentence, and one answer in fifty holding an identifier.
func benchAnswers(n int) []Document {
	r := rand.New(rand.NewPCG(1, 0x9e3779b97f4a7c15))
	words := strings.Fields(`pain group sessions breathing exercises compassion soothing people helped felt safe
		connected alone others understand practice every day tools toolkit skills learned confidence
		achieved proud online video camera travel home work time week facilitators kind support listened
		critic self kindness threat drive soothe system flare sleep tired morning evening nurse doctor
		hospital letter imagery calm anxious worried better worse manage managing coping family friends
		talking sharing stories hope future change changed small steps routine reminder phone workbook
		handouts rushed longer shorter follow-up café naïve 😊 Teams Zoom NHS Monday March Tai Chi 10 3rd 2024`)
	planted := []string{"jo.bloggs@example.org", "07700 900123", "943 476 5919", "LS6 1AB",
		"born on 12/03/1968", "Dr Kowalczyk", "Sarah Whitfield", "my husband Dave"}
	docs := make([]Document, n)
	for i := range docs {
		var b strings.Builder
		k := 30 + r.IntN(21)
		for j := 0; j < k; j++ {
			w := words[int(float64(len(words))*r.Float64()*r.Float64())]
			if j == 0 || j%12 == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
			if j%12 == 11 {
				b.WriteByte('.')
			}
		}
		if i%50 == 0 {
			b.WriteString(", " + planted[(i/50)%len(planted)])
		}
		b.WriteByte('.')
		docs[i] = Document{ID: fmt.Sprintf("R%06d/experience", i+1), Text: b.String()}
	}
	return docs
}

// BenchmarkScan100k scans 100,000 answers (target: under 2 s).
func BenchmarkScan100k(b *testing.B) {
	docs := benchAnswers(100_000)
	d := NewDetector([]string{"Sarah Whitfield", "Okonjo"})
	size := 0
	for _, doc := range docs {
		size += len(doc.Text)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = len(d.Scan(docs, nil).Findings)
	}
	b.ReportMetric(float64(n), "findings")
}

// BenchmarkNewDetector: building the word lists, once per scan.
func BenchmarkNewDetector(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		NewDetector([]string{"Sarah Whitfield"})
	}
}
