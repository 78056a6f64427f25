package index

import (
	"errors"

	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"

	"github.com/mixeval/mixeval/thematic/corpus"
)

func TestOpenRebuildsWhenNeeded(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".mixeval", "index")
	docs := handCorpus()

	open := func() *Index {
		t.Helper()
		var calls, lastDone, lastTotal int
		ix, err := Open(dir, docs, func(done, total int) { calls++; lastDone, lastTotal = done, total })
		if err != nil {
			t.Fatal(err)
		}
		if ix.Rebuilt != "" && (calls == 0 || lastDone != len(docs) || lastTotal != len(docs)) {
			t.Errorf("rebuilt but progress ended at %d/%d after %d calls", lastDone, lastTotal, calls)
		}
		return ix
	}
	mustFind := func(ix *Index, q string, want int) {
		t.Helper()
		r, err := ix.Search(q, SearchOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if r.Total != want {
			t.Errorf("%s: %d hits, want %d", q, r.Total, want)
		}
	}

	ix := open()
	if !strings.Contains(ix.Rebuilt, "no index") {
		t.Errorf("first open: Rebuilt %q, want a missing index", ix.Rebuilt)
	}
	ix.Close()

	ix = open()
	if ix.Rebuilt != "" {
		t.Errorf("second open rebuilt: %q", ix.Rebuilt)
	}
	mustFind(ix, "toolkit", 1)
	ix.Close()

	// An edited answer makes the index stale.
	docs[6] = doc("P04/helped", "Nothing really. The workbook was useful though.", "group", "3", "Number of sessions", "8")
	ix = open()
	if !strings.Contains(ix.Rebuilt, "changed") {
		t.Errorf("after an edit: Rebuilt %q, want changed documents", ix.Rebuilt)
	}
	mustFind(ix, "toolkit", 0)
	mustFind(ix, "workbook", 1)
	ix.Close()

	// So does a corrected attribute, although no text changed.
	docs[6].Attributes["group"] = "2"
	ix = open()
	if ix.Rebuilt == "" {
		t.Error("a changed attribute did not rebuild the index")
	}
	mustFind(ix, "group:2 workbook", 1)
	ix.Close()

	if left, _ := filepath.Glob(dir + ".*"); len(left) > 0 {
		t.Errorf("build folders left behind: %v", left)
	}
}

func TestOpenRebuildsCorruptIndex(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, dir string)
	}{
		{"every file garbage", func(t *testing.T, dir string) {
			walkFiles(t, dir, func(p string) { writeGarbage(t, p, 4096) })
		}},
		{"segments garbage", func(t *testing.T, dir string) {
			walkFiles(t, dir, func(p string) {
				if strings.HasSuffix(p, ".zap") {
					writeGarbage(t, p, 4096)
				}
			})
		}},
		{"segments truncated", func(t *testing.T, dir string) {
			walkFiles(t, dir, func(p string) {
				if strings.HasSuffix(p, ".zap") {
					if err := os.Truncate(p, 10); err != nil {
						t.Fatal(err)
					}
				}
			})
		}},
		{"bolt file empty", func(t *testing.T, dir string) {
			writeGarbage(t, filepath.Join(dir, "store", "root.bolt"), 0)
		}},
		{"meta file garbage", func(t *testing.T, dir string) {
			writeGarbage(t, filepath.Join(dir, "index_meta.json"), 100)
		}},
		{"store folder gone", func(t *testing.T, dir string) {
			if err := os.RemoveAll(filepath.Join(dir, "store")); err != nil {
				t.Fatal(err)
			}
		}},
		{"index is a file", func(t *testing.T, dir string) {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			writeGarbage(t, dir, 10)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "index")
			ix, err := Open(dir, handCorpus(), nil)
			if err != nil {
				t.Fatal(err)
			}
			ix.Close()
			tt.damage(t, dir)
			ix, err = Open(dir, handCorpus(), nil)
			if err != nil {
				t.Fatalf("open a damaged index: %v", err)
			}
			defer ix.Close()
			if ix.Rebuilt == "" {
				t.Error("a damaged index was not rebuilt")
			}
			r, err := ix.Search("nurses", SearchOptions{})
			if err != nil || r.Total != 3 {
				t.Errorf("after rebuild: %v hits, err %v; want 3", r, err)
			}
		})
	}
}

func walkFiles(t *testing.T, dir string, f func(string)) {
	t.Helper()
	err := filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			f(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeGarbage(t *testing.T, path string, n int) {
	t.Helper()
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*7 + 3)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestOpenTwoReaders(t *testing.T) {
	// Searching opens read-only, so two processes (here two opens) share
	// the index instead of the second waiting for a lock.
	dir := filepath.Join(t.TempDir(), "index")
	a, err := Open(dir, handCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(dir, handCorpus(), nil)
	if err != nil {
		t.Fatalf("second open: %v", err)
	}
	defer b.Close()
	if b.Rebuilt != "" {
		t.Errorf("second open rebuilt: %s", b.Rebuilt)
	}
}

func TestStampDependsOnContent(t *testing.T) {
	base := handCorpus()
	s := Stamp(base)
	changed := handCorpus()
	changed[0].Respondent = "P99"
	if Stamp(changed) == s {
		t.Error("stamp ignores the respondent")
	}
	if Stamp(handCorpus()) != s {
		t.Error("stamp of equal documents differs")
	}
	if Stamp(base[:len(base)-1]) == s {
		t.Error("stamp ignores a removed document")
	}
}

func TestOpenLockedByWriter(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, handCorpus(), nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	// A writer (as during another process's build into dir) holds the
	// bolt file lock exclusively.
	w, err := bleve.OpenUsing(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	_, err = Open(dir, handCorpus(), nil)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("error %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), "try again") {
		t.Errorf("message %q does not say what to do", err)
	}
}

func TestOpenAfterInterruptedBuild(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "index")
	docs := handCorpus()
	m, err := newMapping(nil)
	if err != nil {
		t.Fatal(err)
	}
	// A build killed before its last batch leaves an index without a stamp
	// (here: built in place with an empty one) ...
	if err := build(dir, m, corpus.NewSet(docs[:3]), "", nil); err != nil {
		t.Fatal(err)
	}
	// ... and, when killed mid-rebuild, a build folder of a dead process.
	abandoned := dir + ".build-999999999"
	if err := os.MkdirAll(abandoned, 0o755); err != nil {
		t.Fatal(err)
	}
	ix, err := Open(dir, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if !strings.Contains(ix.Rebuilt, "did not finish") {
		t.Errorf("Rebuilt %q, want an unfinished build", ix.Rebuilt)
	}
	if _, err := os.Stat(abandoned); !os.IsNotExist(err) {
		t.Errorf("abandoned build folder still there: %v", err)
	}
	if r, err := ix.Search("toolkit", SearchOptions{}); err != nil || r.Total != 1 {
		t.Errorf("after rebuild: %v, %v", r, err)
	}
}
