package backend

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

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
		t.Errorf("%d of %d opens built the index, want 1", rebuilt, n)
	}
	if waited == 0 {
		t.Errorf("no open waited for the build")
	}
}

var indexSearchAll = index.SearchOptions{Limit: 1}
