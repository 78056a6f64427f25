package index

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// liveSegments names the segment files of b's current snapshot. After the
// forced merge that is the one merged segment; the files it replaced stay
// on disk, because scorch keeps the snapshot before the last one for a
// rollback that mixeval never makes (at 1,000,000 documents 798 MB on disk
// for 389 MB live, docs/PERFORMANCE.md).
func liveSegments(b bleve.Index) (map[string]bool, bool) {
	adv, err := b.Advanced()
	if err != nil {
		return nil, false
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, false
	}
	defer r.Close()
	snap, ok := r.(*scorch.IndexSnapshot)
	if !ok {
		return nil, false
	}
	live := map[string]bool{}
	for _, ss := range snap.Segments() {
		p, ok := ss.Segment().(interface{ Path() string })
		if !ok {
			return nil, false // a segment still in memory: keep everything
		}
		live[filepath.Base(p.Path())] = true
	}
	return live, true
}

// removeObsoleteSegments deletes the segment files in the closed index at
// dir that live does not name.
func removeObsoleteSegments(dir string, live map[string]bool) error {
	store := filepath.Join(dir, "store")
	entries, err := os.ReadDir(store)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".zap") && !live[e.Name()] {
			if err := os.Remove(filepath.Join(store, e.Name())); err != nil {
				return err
			}
		}
	}
	return nil
}
