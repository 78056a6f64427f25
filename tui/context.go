package tui

import (
	"sync"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// Context is what every page shares, passed by pointer (soft-serve's
// common.Common): the size of the page area, styles, keys, the study, the
// coder and the action layer.
type Context struct {
	Width, Height int
	Styles        *Styles
	Keys          *KeyMap
	Study         *backend.Study
	Actions       *Actions
	// Name is the coder's name; Coding reads their coding (the live
	// session, or the file when read-only).
	Name   string
	Coding CodingView
	// ReadOnly says why the coding cannot be changed ("" when it can).
	ReadOnly string
	Title    string
	Mode     string
	// Version is mixeval's version, for a report written from the UI.
	Version string

	Docs []corpus.Document
	// Questions maps a question's label to its text.
	Questions map[string]string
	docAt     map[string]int
	// Recent are the codes applied last, most recent first (the code
	// picker lists them first).
	Recent []string

	ixMu sync.Mutex
	ix   *index.Index
	// indexing says the index is being built; done and total count the
	// documents, for the footer.
	indexing            atomic.Bool
	indexDone, indexAll atomic.Int64
}

// CodingView is what pages read of a coder's coding: the live session
// (*coding.Session) or a file opened read-only.
type CodingView interface {
	SegmentsIn(doc string) []coding.Segment
	SegmentsWith(code string) []coding.Segment
	Segment(id string) (coding.Segment, bool)
	Reviewed(doc string) bool
	IsRead(doc string) bool
	Progress() coding.Progress
	DocumentMemo(doc string) string
	StudyMemo() string
	Segments() []coding.Segment
}

// Doc returns the document with id.
func (c *Context) Doc(id string) (corpus.Document, bool) {
	i, ok := c.docAt[id]
	if !ok {
		return corpus.Document{}, false
	}
	return c.Docs[i], true
}

// Codebook returns the codebook as it is on disk now (re-read when another
// process changed it); an unreadable codebook reads as empty.
func (c *Context) Codebook() *codebook.Codebook {
	cb, err := c.Study.Codebook()
	if err != nil || cb == nil {
		return codebook.New()
	}
	return cb
}

// used records that code was just applied.
func (c *Context) used(code string) {
	out := []string{code}
	for _, r := range c.Recent {
		if r != code && len(out) < 20 {
			out = append(out, r)
		}
	}
	c.Recent = out
}

// Index returns the search index, opening (and if need be building) it on
// first use. It is called from commands, off the UI goroutine; a build
// shows its progress in the footer.
func (c *Context) Index() (*index.Index, error) {
	c.ixMu.Lock()
	defer c.ixMu.Unlock()
	if c.ix != nil {
		return c.ix, nil
	}
	defer c.indexing.Store(false)
	ix, err := c.Study.OpenIndex(backend.IndexOptions{Progress: func(done, total int) {
		c.indexing.Store(true)
		c.indexDone.Store(int64(done))
		c.indexAll.Store(int64(total))
	}})
	if err != nil {
		return nil, err
	}
	c.ix = ix
	return ix, nil
}

// workTickMsg redraws the footer while background work runs.
type workTickMsg struct{}

// watch redraws the footer five times a second while the index is built.
func (c *Context) watch() tea.Cmd {
	return tea.Tick(200*time.Millisecond, func(time.Time) tea.Msg { return workTickMsg{} })
}

// Close releases the index. An index still being built is left to its
// build, which only reads the study: quitting does not wait for it (a
// build swaps its folder in whole, so an abandoned one leaves nothing
// half-made).
func (c *Context) Close() {
	if !c.ixMu.TryLock() {
		return
	}
	defer c.ixMu.Unlock()
	if c.ix != nil {
		c.ix.Close()
		c.ix = nil
	}
}

// fileView is a coder's coding read from disk, for read-only mode.
type fileView struct {
	f       *coding.File
	byID    map[string]int
	review  map[string]bool
	read    map[string]bool
	docSegs map[string]int
}

func newFileView(f *coding.File) *fileView {
	v := &fileView{f: f, byID: map[string]int{}, review: map[string]bool{}, read: map[string]bool{}, docSegs: map[string]int{}}
	for i, s := range f.Segments {
		v.byID[s.ID] = i
		v.docSegs[s.Document]++
	}
	for _, d := range f.Reviewed {
		v.review[d] = true
	}
	for _, d := range f.Read {
		v.read[d] = true
	}
	return v
}

func (v *fileView) SegmentsIn(doc string) []coding.Segment { return v.f.SegmentsIn(doc) }
func (v *fileView) SegmentsWith(code string) []coding.Segment {
	var out []coding.Segment
	for _, s := range v.f.Segments {
		if s.HasCode(code) {
			out = append(out, s)
		}
	}
	return out
}
func (v *fileView) Segment(id string) (coding.Segment, bool) {
	i, ok := v.byID[id]
	if !ok {
		return coding.Segment{}, false
	}
	return v.f.Segments[i], true
}
func (v *fileView) Reviewed(doc string) bool { return v.review[doc] }
func (v *fileView) IsRead(doc string) bool   { return v.read[doc] }
func (v *fileView) Progress() coding.Progress {
	return coding.Progress{Read: len(v.read), Reviewed: len(v.review), Coded: len(v.docSegs), Segments: len(v.f.Segments)}
}
func (v *fileView) DocumentMemo(doc string) string { return v.f.DocumentMemos[doc] }
func (v *fileView) StudyMemo() string              { return v.f.Memo }
func (v *fileView) Segments() []coding.Segment     { return v.f.Segments }
