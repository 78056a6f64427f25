package backend

import (
	"fmt"
	"sync"
	"testing"
)

// scaleStudies are made once per test binary, per size: writing one of
// 100,000 answers takes seconds.
var scaleStudies sync.Map

func sharedScaleStudy(tb testing.TB, n int) string {
	if dir, ok := scaleStudies.Load(n); ok {
		return dir.(string)
	}
	dir := scaleStudy(tb, n)
	scaleStudies.Store(n, dir)
	return dir
}

// BenchmarkCodeAction100k is one 'mixeval code' as the command runs it:
// open the study, open alice's coding for one answer, code a span, close
// (the journal keeps the action; no fold). alice has 150,000 segments.
func BenchmarkCodeAction100k(b *testing.B) {
	dir := scaleStudy(b, 100_000)
	i := 0
	for b.Loop() {
		i++
		st := openScale(b, dir)
		doc := fmt.Sprintf("R%06d/answer", 1+i%100_000)
		c, err := st.OpenCoderWith("alice", CoderOptions{Documents: []string{doc}, KeepJournal: true})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Code(CodeRequest{Doc: doc, Start: 21, End: 25, Codes: []string{"hope"}}); err != nil {
			b.Fatal(err)
		}
		if err := c.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
