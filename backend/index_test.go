package backend

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mixeval/mixeval/internal/filelock"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

func testDocs(n int) func(*study.Study) ([]corpus.Document, error) {
	return func(*study.Study) ([]corpus.Document, error) {
		docs := make([]corpus.Document, n)
		for i := range docs {
			id := fmt.Sprintf("R%04d", i)
			docs[i] = corpus.Document{ID: id + "/q", Respondent: id, Question: "q", Text: fmt.Sprintf("answer %d: the group felt calm and safe", i), Hash: fmt.Sprint(i)}
		}
		return docs, nil
	}
}

// Several processes opening a study whose index is missing: one builds it
// under the index's lock, the others wait and then use that index instead
// of each building their own. (flock locks belong to open files, so
// goroutines with their own Study stand in for processes.)
func TestOpenIndexBuildsOnce(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, study.ManifestName), []byte("title: t\n"), 0o644)
	const n = 4
	var wg sync.WaitGroup
	var mu sync.Mutex
	rebuilt, waited := 0, 0
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := FromStudy(&study.Study{Dir: dir}, Options{LoadDocuments: testDocs(3000)})
			ix, err := b.OpenIndex(IndexOptions{Waiting: func(int, string) {
				mu.Lock()
				waited++
				mu.Unlock()
			}})
			if err != nil {
				t.Error(err)
				return
			}
			defer ix.Close()
			mu.Lock()
			if ix.Rebuilt != "" {
				rebuilt++
			}
			mu.Unlock()
			if r, err := ix.Search("calm", indexSearchAll); err != nil || r.Total != 3000 {
				t.Errorf("search: %v, %v", r, err)
			}
		}()
	}
	wg.Wait()
	if rebuilt != 1 {
		t.Errorf("%d of %d opens built the index (%d waited), want 1", rebuilt, n, waited)
	}
}

// A process that finds the index's lock held says that it waits, waits,
// and then builds (or uses) the index.
func TestOpenIndexWaitsForTheLock(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, study.ManifestName), []byte("title: t\n"), 0o644)
	b := FromStudy(&study.Study{Dir: dir}, Options{LoadDocuments: testDocs(10), Doing: "mixeval search"})
	l, err := filelock.Acquire(b.Layout().LockDir(), "index", time.Second, "mixeval search: build the search index")
	if err != nil {
		t.Fatal(err)
	}
	waiting := make(chan int, 1)
	done := make(chan error, 1)
	go func() {
		ix, err := b.OpenIndex(IndexOptions{Waiting: func(pid int, what string) { waiting <- pid }})
		if err == nil {
			ix.Close()
		}
		done <- err
	}()
	select {
	case pid := <-waiting:
		if pid != os.Getpid() {
			t.Errorf("waiting for pid %d, want %d", pid, os.Getpid())
		}
	case err := <-done:
		t.Fatalf("OpenIndex returned (%v) while the lock was held", err)
	case <-time.After(10 * time.Second):
		t.Fatal("OpenIndex neither waited nor returned")
	}
	l.Release()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

var indexSearchAll = index.SearchOptions{Limit: 1}
