package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/filelock"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Options tune a Study; the zero value gives the defaults.
type Options struct {
	// Who names the person using this front end, for codebook history and
	// decision logs (default: $USER, else "mixeval").
	Who string
	// Doing says what this process is doing, shown to others waiting for
	// a lock (e.g. "mixeval codebook merge").
	Doing string
	// LockWait is how long a writer waits for a shared file's lock
	// (filelock.DefaultWait when 0).
	LockWait time.Duration
	// Now gives the time stamped on actions (time.Now when nil).
	Now func() time.Time
	// LoadDocuments reads the study's documents; tests supply their own.
	// When nil, documents come from the documents snapshot in .mixeval,
	// rebuilt from the sources when they change (corpus.OpenSnapshot).
	LoadDocuments func(*study.Study) ([]corpus.Document, error)
}

// Study is one study opened for a front end. It is safe for use by several
// goroutines.
type Study struct {
	opt    Options
	layout study.Layout

	mu sync.Mutex
	st *study.Study
	// set is the study's documents, read as needed; docs is all of them,
	// once asked for.
	set      corpus.Set
	docs     []corpus.Document
	docsErr  error
	docsRead bool
	// coders are the coding sessions this process holds open, so that a
	// codebook operation applies its remap through them.
	coders map[string]*Coder
	cb     codebookCache
}

// Open finds the study (dir, else the nearest folder upwards holding a
// mixeval.yaml) and reads its manifest. Documents, codebook and index are
// read when first needed.
//
// A study whose own folders or shared files are symbolic links is refused
// (docs/safety.md), and temporary files that killed writes left behind
// are removed once they are older than StaleTempAge.
func Open(dir string, opt Options) (*Study, error) {
	st, err := study.Open(dir)
	if err != nil {
		return nil, err
	}
	l := st.Layout()
	if err := l.CheckLinks(); err != nil {
		return nil, err
	}
	for _, d := range l.TempFolders() {
		atomicfile.RemoveStaleIn(d, StaleTempAge)
	}
	return FromStudy(st, opt), nil
}

// StaleTempAge is the age past which a temporary file of an atomic write is
// taken as left by a killed process: a write takes seconds at most.
const StaleTempAge = 15 * time.Minute

// FromStudy wraps a study already loaded.
func FromStudy(st *study.Study, opt Options) *Study {
	if opt.Who == "" {
		opt.Who = os.Getenv("USER")
		if opt.Who == "" {
			opt.Who = "mixeval"
		}
	}
	if opt.Doing == "" {
		opt.Doing = "mixeval"
	}
	if opt.LockWait <= 0 {
		opt.LockWait = filelock.DefaultWait
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Study{opt: opt, layout: st.Layout(), st: st, coders: map[string]*Coder{}}
}

// Dir is the study folder.
func (b *Study) Dir() string { return b.layout.Dir }

// Layout names the study's files.
func (b *Study) Layout() study.Layout { return b.layout }

// Who is the person named in history and logs.
func (b *Study) Who() string { return b.opt.Who }

// Manifest returns the study as last read.
func (b *Study) Manifest() *study.Study {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.st
}

// Mode is the study's mode: "reflexive" (the default) or "codebook".
func (b *Study) Mode() string {
	if m := b.Manifest().Manifest.Mode; m != "" {
		return m
	}
	return "reflexive"
}

// Documents returns all the study's documents, read once and kept.
func (b *Study) Documents() ([]corpus.Document, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.documentsLocked()
}

func (b *Study) documentsLocked() ([]corpus.Document, error) {
	set, err := b.setLocked()
	if err != nil {
		return nil, err
	}
	if b.docs == nil {
		b.docs = corpus.All(set)
	}
	return b.docs, nil
}

// DocumentSet returns the study's documents read as needed: a front end
// that shows a few documents reads only those.
func (b *Study) DocumentSet() (corpus.Set, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.setLocked()
}

func (b *Study) setLocked() (corpus.Set, error) {
	if !b.docsRead {
		b.docsRead = true
		if b.opt.LoadDocuments != nil {
			var docs []corpus.Document
			docs, b.docsErr = b.opt.LoadDocuments(b.st)
			if b.docsErr == nil {
				b.set = corpus.NewSet(docs)
			}
		} else {
			var snap *corpus.Snapshot
			snap, b.docsErr = corpus.OpenSnapshot(b.st, b.layout.DocumentsSnapshot())
			if b.docsErr == nil {
				b.set = snap
			}
		}
	}
	return b.set, b.docsErr
}

// ReloadDocuments forgets the documents read, e.g. after an import. (A
// snapshot read before stays mapped: an index opened on it may still show
// its documents.)
func (b *Study) ReloadDocuments() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.docsRead, b.set, b.docs, b.docsErr = false, nil, nil, nil
}

// NoDocumentError is a document id that is not in the study.
type NoDocumentError struct{ ID string }

func (e *NoDocumentError) Error() string {
	return fmt.Sprintf("document %q is not in the study: ids look like P01/helped (respondent/question)", e.ID)
}

// Document returns one document, whole, reading no other.
func (b *Study) Document(id string) (corpus.Document, error) {
	set, err := b.DocumentSet()
	if err != nil {
		return corpus.Document{}, err
	}
	i, ok := set.Find(id)
	if !ok {
		return corpus.Document{}, &NoDocumentError{ID: id}
	}
	return set.Document(i), nil
}

// NoDocumentsError says the study has no documents yet.
var NoDocumentsError = errors.New("the study has no documents yet: import the feedback forms first")

// Coders returns the study's coders: those listed in mixeval.yaml, in its
// order, then any other coder file in coding/, sorted. The consensus is
// not a coder.
func (b *Study) Coders() ([]string, error) {
	names := slices.Clone(b.Manifest().Manifest.Coders)
	seen := map[string]bool{study.ConsensusCoder: true}
	for _, c := range names {
		seen[c] = true
	}
	entries, err := os.ReadDir(b.layout.CodingDir())
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	var extra []string
	for _, e := range entries {
		c, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok || e.IsDir() || seen[c] || !coding.ValidCoder(c) {
			continue
		}
		seen[c] = true
		extra = append(extra, c)
	}
	sort.Strings(extra)
	return append(names, extra...), nil
}

// UnknownCoderError is a coder name the study does not list.
type UnknownCoderError struct {
	Name   string
	Coders []string // the manifest's coders
}

func (e *UnknownCoderError) Error() string {
	if len(e.Coders) == 0 {
		return fmt.Sprintf("coder %q is not in mixeval.yaml, which lists no coders yet: add the coder first", e.Name)
	}
	return fmt.Sprintf("coder %q is not one of the study's coders (%s): check the spelling, or add the coder first", e.Name, strings.Join(e.Coders, ", "))
}

// checkCoder returns an error unless coder is listed in the manifest: a
// mistyped name would otherwise start a new coder file and split one
// person's coding in two.
func (b *Study) checkCoder(coder string) error {
	if coder == study.ConsensusCoder {
		return fmt.Errorf("%q is the reconciled coding, not a coder", coder)
	}
	coders := b.Manifest().Manifest.Coders
	if slices.Contains(coders, coder) {
		return nil
	}
	return &UnknownCoderError{Name: coder, Coders: coders}
}

// AddCoder lists a new coder in mixeval.yaml (under its lock, re-read
// inside it). Adding a coder already listed changes nothing and reports
// false.
func (b *Study) AddCoder(name string) (added bool, err error) {
	if name == study.ConsensusCoder {
		return false, fmt.Errorf("the name %q is reserved for the reconciled coding: choose another", name)
	}
	if !coding.ValidCoder(name) {
		return false, fmt.Errorf("coder name %q: use lower-case letters, digits, '-' or '_', starting with a letter or digit", name)
	}
	err = b.updateManifest("add coder "+name, func(m *study.Manifest) (bool, error) {
		if slices.Contains(m.Coders, name) {
			return false, nil
		}
		m.Coders = append(m.Coders, name)
		added = true
		return true, nil
	})
	return added, err
}

// updateManifest changes mixeval.yaml under its lock: it re-reads the file
// inside the lock, lets change edit it (reporting whether it changed), and
// saves it, keeping comments and layout the edit does not touch.
func (b *Study) updateManifest(what string, change func(*study.Manifest) (bool, error)) error {
	l, err := b.lock("manifest", what)
	if err != nil {
		return err
	}
	defer l.Release()
	st, err := study.Load(b.layout.Dir)
	if err != nil {
		return err
	}
	changed, err := change(&st.Manifest)
	if err != nil || !changed {
		b.setStudy(st)
		return err
	}
	if err := st.Save(); err != nil {
		return err
	}
	b.setStudy(st)
	return nil
}

func (b *Study) setStudy(st *study.Study) {
	b.mu.Lock()
	b.st = st
	b.mu.Unlock()
}

// lock takes the lock of a shared file.
func (b *Study) lock(name, what string) (*filelock.Lock, error) {
	l, err := filelock.Acquire(b.layout.LockDir(), name, b.opt.LockWait, b.opt.Doing+": "+what)
	if err != nil {
		return nil, err
	}
	// Holding the lock, no write of the file is under way: its temporary
	// files are left by killed processes.
	if path, ok := map[string]string{"codebook": b.layout.Codebook(), "consensus": b.layout.Consensus(), "manifest": b.layout.Manifest()}[name]; ok {
		atomicfile.RemoveStale(path, 0)
	}
	return l, nil
}

// rel is path relative to the study, for messages.
func (b *Study) rel(path string) string { return b.layout.Rel(filepath.Clean(path)) }

// Init creates a new, empty study in dir (see study.Init).
func Init(dir string) error { return study.Init(dir) }

// InitFromFS creates a study in dir as a copy of the study in fsys, such as
// the bundled sample (see study.InitFromFS).
func InitFromFS(dir string, fsys fs.FS) error { return study.InitFromFS(dir, fsys) }
