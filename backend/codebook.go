package backend

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// codebookCache keeps the codebook as last read, with the file's identity,
// so that a long-lived front end sees changes other processes make.
type codebookCache struct {
	cb    *codebook.Codebook
	stamp fileStamp
}

// fileStamp identifies one version of a file on disk.
type fileStamp struct {
	ok    bool
	size  int64
	mtime int64
	ino   any
}

func stampFile(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{ok: true, size: fi.Size(), mtime: fi.ModTime().UnixNano(), ino: fi.Sys()}
}

func (a fileStamp) same(b fileStamp) bool {
	return a.ok == b.ok && a.size == b.size && a.mtime == b.mtime
}

// Codebook returns the study's codebook: a missing codebook.yaml reads as
// an empty codebook, which the first change writes. It is re-read when the
// file changed on disk since the last read, so a long-lived front end sees
// changes made by other processes. The caller must not change it: use
// ChangeCodebook.
func (b *Study) Codebook() (*codebook.Codebook, error) {
	path := b.layout.Codebook()
	st := stampFile(path)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cb.cb != nil && b.cb.stamp.same(st) {
		return b.cb.cb, nil
	}
	cb, err := loadCodebook(path)
	if err != nil {
		return nil, err
	}
	b.cb = codebookCache{cb: cb, stamp: st}
	return cb, nil
}

func loadCodebook(path string) (*codebook.Codebook, error) {
	cb, err := codebook.Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return codebook.New(), nil
	}
	return cb, err
}

// CodebookEdit is one codebook operation: it changes cb (recording history
// as who, and reading segment usage through uses) and returns the remap
// that segments must follow (nil when no code id changes).
type CodebookEdit func(cb *codebook.Codebook, who string, uses func(id string) int) (codebook.Remap, error)

// CodebookResult says what a codebook change did beyond the codebook.
type CodebookResult struct {
	Remap codebook.Remap
	// Recoded counts, per coder (and "consensus"), the segments or items
	// whose codes the remap changed.
	Recoded map[string]int
	// Undo reverses the change (see UndoCodebook); nil when it cannot be
	// undone.
	Undo *CodebookUndo
}

// ChangeCodebook applies edit to codebook.yaml under its lock, on the file
// as it is now (re-read inside the lock). When edit changes code ids (remap
// mode: a merge, a split with reassignment, a delete with reassignment),
// every coder's file and the consensus are recoded in the same operation,
// under each coder's lock, and are folded and current on disk when it
// returns. A coder whose file is open in another mixeval (e.g. their
// terminal UI) makes the operation fail before anything changes, naming
// them: the remap cannot reach a file another process holds. Sessions this
// process holds (OpenCoder) are recoded through the session.
func (b *Study) ChangeCodebook(what string, remaps bool, edit CodebookEdit) (*CodebookResult, error) {
	return b.changeCodebook(what, remaps, edit, nil)
}

// segmentEdit checks, with every coding held and the codebook edited in
// memory, a change to individual segments that comes with a codebook
// change (a split's assignments), and returns the function that applies
// it once the codebook is saved. A check that fails changes nothing.
type segmentEdit func(h *heldCodings) (apply func(counts map[string]int, before map[string][]segmentCodes) error, err error)

func (b *Study) changeCodebook(what string, remaps bool, edit CodebookEdit, segs segmentEdit) (*CodebookResult, error) {
	l, err := b.lock("codebook", what)
	if err != nil {
		return nil, err
	}
	defer l.Release()
	cb, err := loadCodebook(b.layout.Codebook())
	if err != nil {
		return nil, err
	}
	cb.Clock = b.opt.Now // history is stamped with the study's clock
	before := cb.Clone()
	var held *heldCodings
	uses := func(string) int { return 0 }
	if remaps {
		held, err = b.holdCodings(what)
		if err != nil {
			return nil, err
		}
		defer held.release()
		uses = held.uses
	} else {
		uses = b.readUses
	}
	remap, err := edit(cb, b.opt.Who, uses)
	if err != nil {
		return nil, err
	}
	if len(remap) > 0 && held == nil {
		return nil, fmt.Errorf("internal: %s changes code ids but was not run in remap mode", what)
	}
	res := &CodebookResult{Remap: remap, Recoded: map[string]int{}}
	var applySegs func(map[string]int, map[string][]segmentCodes) error
	if segs != nil {
		if held == nil {
			return nil, fmt.Errorf("internal: %s edits segments but was not run in remap mode", what)
		}
		if applySegs, err = segs(held); err != nil {
			return nil, err
		}
	}
	segUndo := map[string][]segmentCodes{}
	if len(remap) > 0 {
		segUndo = held.codesBefore(remap)
	}
	if err := cb.Save(b.layout.Codebook()); err != nil {
		return nil, err
	}
	b.cacheCodebook(cb)
	if len(remap) > 0 {
		if err := held.apply(remap, res.Recoded); err != nil {
			return res, fmt.Errorf("codebook.yaml is saved, but recoding the segments failed: %w (opening each coder's coding again finishes the recoding)", err)
		}
	}
	if applySegs != nil {
		if err := applySegs(res.Recoded, segUndo); err != nil {
			return res, fmt.Errorf("codebook.yaml is saved, but assigning the segments failed: %w", err)
		}
	}
	res.Undo = newCodebookUndo(what, before, cb, segUndo)
	if held != nil && held.consAfter != nil {
		res.Undo.consBefore, res.Undo.consAfter = held.consBefore, held.consAfter
	}
	return res, nil
}

func (b *Study) cacheCodebook(cb *codebook.Codebook) {
	st := stampFile(b.layout.Codebook())
	b.mu.Lock()
	b.cb = codebookCache{cb: cb, stamp: st}
	b.mu.Unlock()
}

// readUses counts segments per code over every coder file and the
// consensus, read without locks (for a delete's "is it unused" check,
// which a remap-mode change repeats under the locks).
func (b *Study) readUses(id string) int {
	coders, _ := b.Coders()
	n := 0
	for _, c := range coders {
		if f, err := coding.Read(b.layout.Dir, c); err == nil {
			n += countCode(f, id)
		}
	}
	if c, err := reconcile.Load(b.layout.Dir); err == nil {
		n += countCode(c.AsCoding(), id)
	}
	return n
}

func countCode(f *coding.File, id string) int {
	n := 0
	for _, s := range f.Segments {
		if slices.Contains(s.Codes, id) {
			n++
		}
	}
	return n
}

// heldCodings are every coder's session and the consensus, locked for a
// codebook change that recodes them.
type heldCodings struct {
	// consBefore and consAfter are coding/consensus.yaml around a recode,
	// so that an undo can put it back while nothing else changed it.
	consBefore, consAfter []byte
	b                     *Study
	sessions              map[string]*coding.Session
	own                   map[string]bool // sessions this process had open already
	cons                  *reconcile.Consensus
	consLock              interface{ Release() error }
}

// CoderBusyError says a codebook change that recodes segments could not
// take a coder's file, which another mixeval holds open.
type CoderBusyError struct {
	Coder string
	PID   int
}

func (e *CoderBusyError) Error() string {
	pid := ""
	if e.PID > 0 {
		pid = fmt.Sprintf(" (pid %d)", e.PID)
	}
	return fmt.Sprintf("coder %s's coding is open in another mixeval%s: this change recodes every coder's segments, so it waits until %s has closed it; nothing was changed", e.Coder, pid, e.Coder)
}

func (b *Study) holdCodings(what string) (*heldCodings, error) {
	h := &heldCodings{b: b, sessions: map[string]*coding.Session{}, own: map[string]bool{}}
	coders, err := b.Coders()
	if err != nil {
		return nil, err
	}
	for _, c := range coders {
		b.mu.Lock()
		mine := b.coders[c]
		b.mu.Unlock()
		if mine != nil {
			h.sessions[c], h.own[c] = mine.sess, true
			continue
		}
		s, err := coding.Open(b.layout.Dir, c)
		var locked *coding.LockedError
		if errors.As(err, &locked) {
			h.release()
			return nil, &CoderBusyError{Coder: c, PID: locked.PID}
		}
		if err != nil {
			h.release()
			return nil, err
		}
		h.sessions[c] = s
	}
	l, err := b.lock("consensus", what)
	if err != nil {
		h.release()
		return nil, err
	}
	h.consLock = l
	c, err := reconcile.Load(b.layout.Dir)
	switch {
	case err == nil:
		h.cons = c
	case !errors.Is(err, fs.ErrNotExist):
		h.release()
		return nil, err
	}
	return h, nil
}

func (h *heldCodings) uses(id string) int {
	n := 0
	for _, s := range h.sessions {
		n += len(s.SegmentsWith(id))
	}
	if h.cons != nil {
		n += countCode(h.cons.AsCoding(), id)
	}
	return n
}

// segmentCodes is a segment's codes before a remap, for undo.
type segmentCodes struct {
	ID    string
	Codes []string
}

func (h *heldCodings) codesBefore(remap codebook.Remap) map[string][]segmentCodes {
	out := map[string][]segmentCodes{}
	for c, s := range h.sessions {
		for from := range remap {
			for _, seg := range s.SegmentsWith(from) {
				out[c] = append(out[c], segmentCodes{ID: seg.ID, Codes: slices.Clone(seg.Codes)})
			}
		}
	}
	return out
}

// apply recodes every held coding and folds each into its file.
func (h *heldCodings) apply(remap codebook.Remap, counts map[string]int) error {
	names := make([]string, 0, len(h.sessions))
	for c := range h.sessions {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		s := h.sessions[c]
		n := 0
		for from := range remap {
			n += len(s.SegmentsWith(from))
		}
		if err := s.Recode(remap); err != nil {
			return fmt.Errorf("recode %s: %w", c, err)
		}
		if err := s.Compact(); err != nil {
			return fmt.Errorf("save %s: %w", c, err)
		}
		if n > 0 {
			counts[c] = n
		}
	}
	if h.cons != nil {
		if n := h.cons.Recode(remap); n > 0 {
			h.consBefore, _ = safefile.ReadFile(h.b.layout.Consensus(), 0)
			if err := h.cons.Save(h.b.layout.Dir); err != nil {
				return fmt.Errorf("save the consensus: %w", err)
			}
			h.consAfter, _ = safefile.ReadFile(h.b.layout.Consensus(), 0)
			counts[study.ConsensusCoder] = n
		}
	}
	return nil
}

func (h *heldCodings) release() {
	for c, s := range h.sessions {
		if !h.own[c] {
			s.Close()
		}
	}
	if h.consLock != nil {
		h.consLock.Release()
	}
}

// UnknownCodeError is a code id the codebook does not have, with the
// nearest ids it does have.
type UnknownCodeError struct {
	ID      string
	Nearest []string
}

func (e *UnknownCodeError) Error() string {
	if len(e.Nearest) == 0 {
		return fmt.Sprintf("code %q is not in the codebook", e.ID)
	}
	return fmt.Sprintf("code %q is not in the codebook; did you mean %s?", e.ID, orList(e.Nearest))
}

func orList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
