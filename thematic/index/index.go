package index

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// stampKey is the internal key under which build stores the stamp of the
// documents it indexed.
var stampKey = []byte("mixeval.stamp")

// lockWait is how long Open waits for a lock held by another process on the
// index's bolt file before giving up with a clear message; bleve would
// otherwise wait for ever.
const lockWait = "2s"

// ErrLocked is returned when another process holds the index open for
// writing longer than Open is willing to wait.
var ErrLocked = errors.New("the search index is being written by another mixeval process")

// Index is an open search index over a study's documents. It is safe for
// concurrent searches.
type Index struct {
	dir   string
	bleve bleve.Index
	docs  corpus.Set
	attrs map[string]string // search field name -> attribute name
	an    *analyzers
	stamp string
	// common are the words the literal field holds only in pairs.
	common map[string]bool

	// Rebuilt says why Open rebuilt the index ("" when it reused it).
	Rebuilt string
}

// Open opens the index stored in dir for docs (the study's documents, as
// loaded from its sources). When the index is missing, was built from other
// documents, or cannot be read, Open builds it afresh and says why in
// Rebuilt. progress, if not nil, is called as documents are indexed.
//
// The index is opened read-only once built: several processes can search
// it at once. A rebuild writes a new folder beside dir and swaps it in, so
// a reader never sees a half-built index, and a crash mid-build leaves
// either the old index or none (never a stamped partial one).
func Open(dir string, docs []corpus.Document, progress func(done, total int)) (*Index, error) {
	if err := checkIDs(docs); err != nil {
		return nil, err
	}
	return OpenSet(dir, corpus.NewSet(docs), progress)
}

// OpenSet is Open for documents read as needed (corpus.Snapshot): opening
// an index that is up to date reads no document, and a search reads only
// the documents it returns.
func OpenSet(dir string, docs corpus.Set, progress func(done, total int)) (*Index, error) {
	ix, m, err := prepare(dir, docs)
	if err != nil {
		return nil, err
	}
	b, reason, err := openExisting(dir, ix.stamp)
	if err != nil {
		return nil, err
	}
	if b == nil {
		if err := rebuild(dir, m, docs, ix.stamp, progress); err != nil {
			return nil, err
		}
		var why string
		b, why, err = openExisting(dir, ix.stamp)
		if err != nil {
			return nil, err
		}
		if b == nil {
			return nil, fmt.Errorf("open the search index just built in %s: %s", dir, why)
		}
		ix.Rebuilt = reason
	}
	return ix.attach(dir, b)
}

// OpenBuilt opens the index in dir when it is built for docs, and never
// builds it: it returns a nil Index and the reason when a build is needed.
// A caller coordinating several processes checks with OpenBuilt, takes its
// lock, and calls OpenSet.
func OpenBuilt(dir string, docs corpus.Set) (*Index, string, error) {
	ix, _, err := prepare(dir, docs)
	if err != nil {
		return nil, "", err
	}
	b, reason, err := openExisting(dir, ix.stamp)
	if err != nil || b == nil {
		return nil, reason, err
	}
	ix, err = ix.attach(dir, b)
	return ix, "", err
}

// checkIDs refuses documents with an id twice.
func checkIDs(docs []corpus.Document) error {
	seen := make(map[string]bool, len(docs))
	for _, d := range docs {
		if seen[d.ID] {
			return fmt.Errorf("index documents: document id %q appears twice", d.ID)
		}
		seen[d.ID] = true
	}
	return nil
}

// prepare makes the mapping and analysers for docs.
func prepare(dir string, docs corpus.Set) (*Index, *mapping.IndexMappingImpl, error) {
	if err := safefile.RefuseLink(dir); err != nil {
		return nil, nil, err
	}
	ix := &Index{dir: dir, docs: docs}
	attrs := docs.Attributes()
	ix.attrs = make(map[string]string, len(attrs))
	for _, a := range attrs {
		ix.attrs[AttributeField(a)] = a
	}
	m, err := newMapping(fieldNames(attrs))
	if err != nil {
		return nil, nil, fmt.Errorf("index mapping: %w", err)
	}
	if ix.an, err = newAnalyzers(m); err != nil {
		return nil, nil, err
	}
	ix.stamp = setStamp(docs.Stamp())
	return ix, m, nil
}

// attach gives ix the opened bleve index b and what the build stored in it.
func (ix *Index) attach(dir string, b bleve.Index) (*Index, error) {
	raw, err := b.GetInternal(commonKey)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Errorf("read the search index in %s: %w", dir, err)
	}
	ix.common = decodeCommon(raw)
	ix.bleve = b
	return ix, nil
}

// Close releases the index.
func (ix *Index) Close() error {
	if ix.bleve == nil {
		return nil
	}
	err := ix.bleve.Close()
	ix.bleve = nil
	return err
}

// Documents returns the documents the index was opened with, all read.
func (ix *Index) Documents() []corpus.Document { return corpus.All(ix.docs) }

// Set returns the documents the index was opened with, read as needed.
func (ix *Index) Set() corpus.Set { return ix.docs }

// Len is the number of documents.
func (ix *Index) Len() int { return ix.docs.Len() }

// Attributes returns the searchable field name of every attribute, mapped to
// the attribute's name as the study spells it.
func (ix *Index) Attributes() map[string]string { return ix.attrs }

// openExisting opens dir read-only and checks its stamp. It returns a nil
// index and the reason when the index must be rebuilt, and an error only
// when rebuilding would not help (another process holds the lock).
func openExisting(dir, stamp string) (b bleve.Index, reason string, err error) {
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return nil, "there was no index yet", nil
	}
	defer func() {
		// A damaged segment can make bleve panic while opening or reading;
		// a derived index is never worth a crash.
		if r := recover(); r != nil {
			if b != nil {
				_ = b.Close()
			}
			b, reason, err = nil, fmt.Sprintf("it could not be read (%v)", r), nil
		}
	}()
	b, err = bleve.OpenUsing(dir, map[string]any{"read_only": true, "bolt_timeout": lockWait})
	if err != nil {
		if strings.Contains(err.Error(), "timeout") {
			return nil, "", fmt.Errorf("%w (%s): wait for it to finish, or close the other mixeval and try again", ErrLocked, dir)
		}
		return nil, fmt.Sprintf("it could not be read (%v)", err), nil
	}
	got, err := b.GetInternal(stampKey)
	if err != nil {
		_ = b.Close()
		return nil, fmt.Sprintf("it could not be read (%v)", err), nil
	}
	if string(got) != stamp {
		_ = b.Close()
		if len(got) == 0 {
			return nil, "the last build did not finish", nil
		}
		return nil, "the documents changed since it was built", nil
	}
	if c, err := b.GetInternal(commonKey); err != nil || !strings.HasPrefix(string(c), commonHeader) {
		_ = b.Close()
		return nil, "the last build did not finish", nil
	}
	// Touch the data, so that damage shows here rather than in a search.
	if _, err := b.DocCount(); err != nil {
		_ = b.Close()
		return nil, fmt.Sprintf("it could not be read (%v)", err), nil
	}
	return b, "", nil
}

// Stamp is the hex SHA-256 of the mapping version and corpus.Stamp of the
// documents: everything the index holds about them.
func Stamp(docs []corpus.Document) string { return setStamp(corpus.Stamp(docs)) }

func setStamp(docs [32]byte) string {
	h := sha256.New()
	h.Write([]byte(mappingVersion))
	h.Write([]byte{0})
	h.Write(docs[:])
	return hex.EncodeToString(h.Sum(nil))
}

// fieldNames maps attribute names to their distinct search field names.
func fieldNames(attrs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, a := range attrs {
		f := AttributeField(a)
		if f != "" && !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out
}

// rebuild builds a fresh index in a folder beside dir, then swaps it in.
func rebuild(dir string, m *mapping.IndexMappingImpl, docs corpus.Set, stamp string, progress func(done, total int)) error {
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create index folder: %w", err)
	}
	removeAbandonedBuilds(dir)
	tmp := fmt.Sprintf("%s.build-%d", dir, os.Getpid())
	_ = os.RemoveAll(tmp)
	if err := build(tmp, m, docs, stamp, progress); err != nil {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("build the search index: %w", err)
	}
	old := fmt.Sprintf("%s.old-%d", dir, os.Getpid())
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		_ = os.RemoveAll(tmp)
		return fmt.Errorf("replace the search index %s: %w", dir, err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		// Another process swapped in its own build of the same documents
		// first; use that one.
		_ = os.RemoveAll(tmp)
		if _, statErr := os.Stat(dir); statErr != nil {
			return fmt.Errorf("replace the search index %s: %w", dir, err)
		}
	}
	_ = os.RemoveAll(old)
	return nil
}

// removeAbandonedBuilds deletes build and old folders left beside dir by
// processes that no longer run (a crash or kill -9 mid-build).
func removeAbandonedBuilds(dir string) {
	matches, _ := filepath.Glob(dir + ".*-*")
	for _, m := range matches {
		rest := strings.TrimPrefix(m, dir+".")
		kind, pidText, ok := strings.Cut(rest, "-")
		if !ok || (kind != "build" && kind != "old") {
			continue
		}
		var pid int
		if _, err := fmt.Sscanf(pidText, "%d", &pid); err != nil || processRunning(pid) {
			continue
		}
		_ = os.RemoveAll(m)
	}
}
