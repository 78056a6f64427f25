// Command gen writes a large synthetic study for benchmarks: a study folder
// whose one source holds n feedback answers of about 40 words each, built
// from a fixed seed so that every run writes the same bytes.
//
//	go run ./sample-data/gen -n 100000 -out /tmp/big
//
// The answers are written as a raw form export and brought in with the same
// import as 'mixeval import', so the layout is exactly what import makes.
package main

import (
	"bytes"
	"encoding/csv"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of responses")
	out := flag.String("out", "", "study folder to create (must not hold a study)")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if *out == "" || *n < 1 {
		fmt.Fprintln(os.Stderr, "usage: go run ./sample-data/gen -n 100000 -out DIR")
		os.Exit(2)
	}
	if err := generate(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func generate(dir string, n int, seed uint64) error {
	if err := study.Init(dir); err != nil {
		return err
	}
	raw := filepath.Join(dir, "responses.csv")
	if err := os.WriteFile(raw, responses(n, seed), 0o644); err != nil {
		return err
	}
	defer os.Remove(raw)
	s, err := study.Load(dir)
	if err != nil {
		return err
	}
	res, err := corpus.Import(s, corpus.ImportOptions{
		Path: raw, ID: "respondent",
		Texts: []corpus.TextMapping{{Column: "What was your experience of the group?", Label: "experience"}},
		Attrs: []string{"group", "sessions"},
	})
	if err != nil {
		return err
	}
	fmt.Printf("wrote %s: %d documents in %s\n", dir, res.Count, res.Source.File)
	return nil
}

// responses renders n rows of a wide export: respondent, group, sessions
// and one answer of 30 to 50 words drawn from a small clinical vocabulary,
// so that searches for common words find many hits and rare words few.
func responses(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"respondent", "group", "sessions", "What was your experience of the group?"})
	width := len(strconv.Itoa(n))
	for i := 1; i <= n; i++ {
		id := fmt.Sprintf("R%0*d", width, i)
		group := strconv.Itoa(1 + r.IntN(3))
		sessions := []string{"8", "10"}[r.IntN(2)]
		w.Write([]string{id, group, sessions, answer(r, 30+r.IntN(21))})
	}
	w.Flush()
	return buf.Bytes()
}

var (
	openers = []string{"I found", "The group", "Honestly the", "Meeting others", "For me the", "Learning about", "The sessions", "Being online"}
	words   = strings.Fields(`pain group sessions breathing exercises compassion soothing people helped felt safe
		connected alone others understand practice every day tools toolkit skills learned confidence
		achieved proud online video camera travel home work time week facilitators kind support listened
		critic self kindness threat drive soothe system flare sleep tired morning evening nurse doctor
		hospital letter imagery calm anxious worried better worse manage managing coping family friends
		talking sharing stories hope future change changed small steps routine reminder phone workbook
		handouts rushed longer shorter follow-up café naïve 😊`)
)

func answer(r *rand.Rand, n int) string {
	var b strings.Builder
	opener := openers[r.IntN(len(openers))]
	b.WriteString(opener)
	for i := len(strings.Fields(opener)) + 1; i <= n; i++ {
		b.WriteByte(' ')
		// A skewed pick: low indices (common words) come up far more often,
		// as in real text.
		j := int(float64(len(words)) * r.Float64() * r.Float64())
		b.WriteString(words[j])
		if i%12 == 0 && i < n {
			b.WriteByte('.')
		}
	}
	b.WriteByte('.')
	return b.String()
}
