package backend

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// scaleCodes are the codes of a scale study, ten to a theme-less codebook.
var scaleCodes = []string{"pain", "breathing", "others", "safe", "online", "tools", "kindness", "sleep", "family", "hope"}

var scaleWords = strings.Fields(`pain group sessions breathing exercises compassion soothing people helped felt safe
	connected alone others understand practice every day tools toolkit skills learned confidence online video
	camera travel home work time week kind support listened critic self kindness sleep tired morning calm`)

// scaleStudy writes a study of n answers of 30 to 50 words (one question,
// attributes group and sessions) with codebook.yaml holding scaleCodes and
// two coders, alice and bob, who each reviewed every answer and coded
// about 1.5 segments per answer; bob agrees with alice on about 80% of
// them. The source is written in its normalised form and the coder files
// through coding.File.Save, so nothing here is timed by a benchmark.
func scaleStudy(tb testing.TB, n int) string {
	tb.Helper()
	return scaleStudyIn(tb, tb.TempDir(), n)
}

// scaleStudyIn is scaleStudy in the folder root.
func scaleStudyIn(tb testing.TB, root string, n int) string {
	tb.Helper()
	dir := filepath.Join(root, fmt.Sprintf("study-%d", n))
	if err := study.Init(dir); err != nil {
		tb.Fatal(err)
	}
	r := rand.New(rand.NewPCG(uint64(n), 7))
	var csv bytes.Buffer
	csv.WriteString("respondent,group,sessions,answer\n")
	docs := make([]corpus.Document, n)
	width := len(fmt.Sprint(n))
	for i := range n {
		id := fmt.Sprintf("R%0*d", width, i+1)
		var text strings.Builder
		for w := range 30 + r.IntN(21) {
			if w > 0 {
				text.WriteByte(' ')
			}
			text.WriteString(scaleWords[int(float64(len(scaleWords))*r.Float64()*r.Float64())])
		}
		group, sessions := fmt.Sprint(1+r.IntN(3)), []string{"8", "10"}[r.IntN(2)]
		fmt.Fprintf(&csv, "%s,%s,%s,%s\n", id, group, sessions, text.String())
		docs[i] = corpus.Document{ID: id + "/answer", Text: text.String(), Hash: corpus.HashText(text.String())}
	}
	if err := os.WriteFile(filepath.Join(dir, "sources", "answers.csv"), csv.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	st, err := study.Load(dir)
	if err != nil {
		tb.Fatal(err)
	}
	st.Manifest.Coders = []string{"alice", "bob"}
	st.Manifest.Sources = []study.Source{{File: "sources/answers.csv", ID: "respondent",
		Questions: []study.Question{{Column: "answer", Label: "answer"}}, Attributes: []string{"group", "sessions"}}}
	if err := st.Save(); err != nil {
		tb.Fatal(err)
	}
	cb := codebook.New()
	if _, err := codeops.EnsureCodes(cb, "test", scaleCodes); err != nil {
		tb.Fatal(err)
	}
	if err := cb.Save(filepath.Join(dir, study.CodebookFile)); err != nil {
		tb.Fatal(err)
	}
	t := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	alice := &coding.File{Coder: "alice", Sequence: 1, DocumentMemos: map[string]string{}}
	bob := &coding.File{Coder: "bob", Sequence: 1, DocumentMemos: map[string]string{}}
	for i, d := range docs {
		alice.Reviewed = append(alice.Reviewed, d.ID)
		bob.Reviewed = append(bob.Reviewed, d.ID)
		code := scaleCodes[r.IntN(len(scaleCodes))]
		seg := coding.Segment{Document: d.ID, Start: 0, End: 10, Codes: []string{code}, Hash: d.Hash, Created: t, Updated: t}
		seg.ID = fmt.Sprintf("a%09x", 2*i)
		alice.Segments = append(alice.Segments, seg)
		if r.IntN(5) == 0 { // bob disagrees: another code, another span
			seg.Codes, seg.End = []string{scaleCodes[r.IntN(len(scaleCodes))]}, 12
		}
		seg.ID = fmt.Sprintf("b%09x", 2*i)
		bob.Segments = append(bob.Segments, seg)
		if i%2 == 0 {
			second := coding.Segment{ID: fmt.Sprintf("a%09x", 2*i+1), Document: d.ID, Start: 11, End: 20,
				Codes: []string{scaleCodes[r.IntN(len(scaleCodes))]}, Hash: d.Hash, Created: t, Updated: t}
			alice.Segments = append(alice.Segments, second)
		}
	}
	for _, f := range []*coding.File{alice, bob} {
		if err := f.Save(filepath.Join(dir, study.CodingDir, f.Coder+".yaml")); err != nil {
			tb.Fatal(err)
		}
	}
	return dir
}

func openScale(tb testing.TB, dir string) *Study {
	tb.Helper()
	b, err := Open(dir, Options{Who: "test"})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestScaleStudyIsValid checks the generated study itself, so that the
// benchmarks and growth tests built on it measure a valid study.
func TestScaleStudyIsValid(t *testing.T) {
	dir := scaleStudy(t, 300)
	b := openScale(t, dir)
	if ps, _ := b.Validate(); ps.Len() != 0 {
		t.Fatalf("problems: %v", ps)
	}
	docs, err := b.Documents()
	if err != nil || len(docs) != 300 || docs[0].ID != "R001/answer" || docs[0].Attributes["sessions"] == "" {
		t.Fatalf("documents: %v %d %+v", err, len(docs), docs[0])
	}
	// 300 answers: alice codes one segment on each and a second on every
	// other one (150), bob one on each.
	for coder, want := range map[string]int{"alice": 450, "bob": 300} {
		f, err := b.ReadCoding(coder)
		if err != nil || len(f.Segments) != want {
			t.Errorf("%s: %v, %d segments, want %d", coder, err, len(f.Segments), want)
		}
	}
}

// TestValidateSourcesFromSnapshot: with documents that read, validate still
// reports a missing original, and a broken source is still reported with
// its row.
func TestValidateSourcesFromSnapshot(t *testing.T) {
	dir := scaleStudy(t, 20)
	st, err := study.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Manifest.Sources[0].Original = "sources/answers.original.csv"
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}
	ps, _ := openScale(t, dir).Validate()
	if ps.Len() != 1 || !strings.Contains(ps[0].Error(), "original sources/answers.original.csv is missing") {
		t.Errorf("problems %v, want the missing original", ps)
	}
	// A second row for R01: the documents do not read, and the full check
	// names the row.
	src := filepath.Join(dir, "sources", "answers.csv")
	b, _ := os.ReadFile(src)
	os.WriteFile(src, append(b, "R01,1,8,again\n"...), 0o644)
	ps, _ = openScale(t, dir).Validate()
	found := false
	for _, p := range ps {
		found = found || strings.Contains(p.Error(), `duplicate respondent id "R01"`) && p.Row == 22
	}
	if !found {
		t.Errorf("problems %v, want the duplicate on row 22", ps)
	}
}
