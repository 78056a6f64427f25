package backend_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
)

// sampleStudy copies the bundled sample study (39 answers, coders alice and
// bob) to a temporary folder and opens it.
func sampleStudy(t testing.TB) *backend.Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := study.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	b, err := backend.Open(dir, backend.Options{Who: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadIsNotReviewed checks that opening answers marks them read, that
// the mark is saved in the coder's file, and that agreement ignores it: a
// new coder who has only read P01/helped has compared nothing with alice.
func TestReadIsNotReviewed(t *testing.T) {
	b := sampleStudy(t)
	if _, err := b.AddCoder("carol"); err != nil {
		t.Fatal(err)
	}
	c, err := b.OpenCoder("carol")
	if err != nil {
		t.Fatal(err)
	}
	if err := c.MarkRead("P01/helped", "P02/helped"); err != nil {
		t.Fatal(err)
	}
	if err := c.MarkRead("P99/helped"); err == nil {
		t.Fatal("an unknown answer was marked read")
	}
	if p := c.Progress(); p.Read != 2 || p.Reviewed != 0 || p.Coded != 0 {
		t.Fatalf("progress %+v, want 2 read and nothing reviewed or coded", p)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(b.Layout().CoderFile("carol"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "read:\n  - P01/helped\n  - P02/helped\n") || strings.Contains(string(data), "reviewed:") {
		t.Fatalf("carol's file:\n%s", data)
	}
	a, err := b.Agree(backend.AgreeRequest{Coders: []string{"alice", "carol"}})
	if err != nil {
		t.Fatal(err)
	}
	if !a.NothingCompared {
		t.Fatal("agreement compared answers that carol only read")
	}
}

// TestCodebookSeesOtherProcess checks that a long-lived Study sees a change
// another process made to codebook.yaml: a second Study stands for it.
func TestCodebookSeesOtherProcess(t *testing.T) {
	b := sampleStudy(t)
	cb, err := b.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	if cb.Find("from-elsewhere") != nil {
		t.Fatal("the sample codebook already has the code")
	}
	other, err := backend.Open(b.Dir(), backend.Options{Who: "other"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.AddNode(backend.NodeSpec{Kind: codebook.Code, ID: "from-elsewhere", Name: "From elsewhere"}); err != nil {
		t.Fatal(err)
	}
	cb, err = b.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	if cb.Find("from-elsewhere") == nil {
		t.Fatal("the first Study does not see the code the second added")
	}
}
