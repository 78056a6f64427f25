package index

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBuildLeavesOnlyLiveSegments builds from several batches (several
// segments, merged into one) and checks that the segment files the merge
// replaced are gone, and that the index still finds every document.
func TestBuildLeavesOnlyLiveSegments(t *testing.T) {
	docs := syntheticDocs(3*batchSize + 10)
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	var zaps []string
	entries, err := os.ReadDir(filepath.Join(dir, "store"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") {
			zaps = append(zaps, e.Name())
		}
	}
	if len(zaps) != 1 {
		t.Errorf("segment files %v, want the one merged segment", zaps)
	}
	// Every document holds at least one word; "question:" filters cover
	// all of them: the three questions' totals add up to every document.
	total := 0
	for _, q := range []string{"helped", "improve", "online"} {
		res, err := ix.Search("question:"+q, SearchOptions{Limit: 1})
		if err != nil {
			t.Fatal(err)
		}
		total += res.Total
	}
	if total != len(docs) {
		t.Errorf("questions cover %d documents, want %d", total, len(docs))
	}
}

// TestRemoveObsoleteSegments plants a segment file that no snapshot names,
// as the merge leaves at a million documents, and checks that only it goes.
func TestRemoveObsoleteSegments(t *testing.T) {
	docs := syntheticDocs(100)
	dir := filepath.Join(t.TempDir(), "index")
	ix, err := Open(dir, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	store := filepath.Join(dir, "store")
	stale := filepath.Join(store, "000000000001.zap")
	if err := os.WriteFile(stale, []byte("an old segment"), 0o600); err != nil {
		t.Fatal(err)
	}
	b, reason, err := openExisting(dir, Stamp(docs))
	if err != nil || b == nil {
		t.Fatal(reason, err)
	}
	live, ok := liveSegments(b)
	b.Close()
	if !ok || len(live) != 1 || live["000000000001.zap"] {
		t.Fatalf("live segments %v (%v)", live, ok)
	}
	if err := removeObsoleteSegments(dir, live); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Error("the obsolete segment file is still there")
	}
	ix, err = Open(dir, docs, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if ix.Rebuilt != "" {
		t.Errorf("index rebuilt after the clean-up: %s", ix.Rebuilt)
	}
}
