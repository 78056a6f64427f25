package backend

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"unicode/utf8"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
)

// Coder is one coder's coding opened for writing: a long-lived session
// that holds the coder's lock until Close. Every action is durable when it
// returns (journaled and synced).
type Coder struct {
	b    *Study
	name string
	sess *coding.Session
}

// OpenCoder opens coder's coding for writing. The coder must be listed in
// the manifest (AddCoder adds one). A coding already open in another
// process gives a *coding.LockedError naming its pid.
func (b *Study) OpenCoder(name string) (*Coder, error) {
	return b.OpenCoderWith(name, CoderOptions{})
}

// CoderOptions tune OpenCoderWith; the zero value opens the whole coding
// and folds the journal into the coder's file on Close.
type CoderOptions struct {
	// Documents, when set, limits the session to these answers: only
	// their part of the coder's file is read, which keeps one action on a
	// large coding to milliseconds. Queries see only these answers.
	Documents []string
	// KeepJournal leaves the actions in the journal on Close (the journal
	// is the commit; they are durable either way). Save, a codebook change
	// that recodes, a session closed without it, or the journal growing
	// past coding.DefaultCompactBytes folds them into the coder's file.
	KeepJournal bool
	// FoldOnClose folds only on Close, not whenever the journal passes
	// coding.DefaultCompactBytes: an autocode's batch and its review would
	// otherwise be folded twice, a third of a second each at 100,000
	// answers.
	FoldOnClose bool
}

// OpenCoderWith is OpenCoder with options: a one-shot action from the
// command line reads only its answers and leaves the fold for later.
func (b *Study) OpenCoderWith(name string, opt CoderOptions) (*Coder, error) {
	if err := b.checkCoder(name); err != nil {
		return nil, err
	}
	b.mu.Lock()
	if b.coders[name] != nil {
		b.mu.Unlock()
		return nil, fmt.Errorf("coder %s's coding is already open in this mixeval", name)
	}
	b.mu.Unlock()
	copt := coding.Options{Documents: opt.Documents, KeepJournal: opt.KeepJournal}
	if opt.FoldOnClose {
		copt.CompactBytes = math.MaxInt64
	}
	s, err := coding.OpenWithOptions(b.layout.Dir, name, copt)
	if err != nil {
		return nil, err
	}
	c := &Coder{b: b, name: name, sess: s}
	b.mu.Lock()
	b.coders[name] = c
	b.mu.Unlock()
	return c, nil
}

// Name is the coder's name.
func (c *Coder) Name() string { return c.name }

// Session is the underlying coding session, for queries (segments of a
// document, reviewed state, memos).
func (c *Coder) Session() *coding.Session { return c.sess }

// Save folds the journal into coding/<coder>.yaml now, so that a commit in
// another terminal sees current work.
func (c *Coder) Save() error { return c.sess.Compact() }

// Close folds the journal into the coder's file and releases the lock.
func (c *Coder) Close() error {
	c.b.mu.Lock()
	delete(c.b.coders, c.name)
	c.b.mu.Unlock()
	return c.sess.Close()
}

// ReadCoding returns a coder's current coding without taking the lock: the
// file plus any actions still in the journal of a running session. The
// consensus reads as the coder "consensus".
func (b *Study) ReadCoding(coder string) (*coding.File, error) {
	return coding.Read(b.layout.Dir, coder)
}

// SpanError is a span that does not fit its document.
type SpanError struct {
	Doc        string
	Start, End int
	Length     int // the document's length in code points
}

func (e *SpanError) Error() string {
	switch {
	case e.Start < 0:
		return fmt.Sprintf("start %d: positions count from 0", e.Start)
	case e.Start >= e.End:
		return fmt.Sprintf("start %d, end %d: the start must be less than the end (the end is exclusive)", e.Start, e.End)
	case e.Length == 0:
		return fmt.Sprintf("document %s is empty (0 characters): there is nothing to code", e.Doc)
	}
	return fmt.Sprintf("end %d is past the end of document %s, which is %d characters long (positions are characters, counted from 0, end exclusive)", e.End, e.Doc, e.Length)
}

// checkSpan returns the document after checking that [start, end) lies
// within its text.
func (b *Study) checkSpan(id string, start, end int) (corpus.Document, error) {
	d, err := b.Document(id)
	if err != nil {
		return d, err
	}
	n := utf8.RuneCountInString(d.Text)
	if start < 0 || start >= end || n == 0 || end > n {
		return d, &SpanError{Doc: id, Start: start, End: end, Length: n}
	}
	return d, nil
}

// CodeRequest asks for one span to be coded.
type CodeRequest struct {
	Doc        string
	Start, End int
	Codes      []string
	// Memo, when not empty, replaces the segment's memo.
	Memo string
	// New allows codes the codebook lacks: they are created as unattached
	// codes. Without it an unknown code is an *UnknownCodeError.
	New bool
	// KeepUnreviewed leaves the document's reviewed state alone; by
	// default coding an answer marks it reviewed.
	KeepUnreviewed bool
}

// CodeResult says what Code did.
type CodeResult struct {
	Segment coding.Segment
	// Existed is true when the span was coded before (codes were added).
	Existed bool
	// Created lists the codes created in the codebook.
	Created []string
	Quote   string
}

// Code codes a span: it checks the span against the document, checks the
// codes against the codebook (creating unknown ones when asked), records
// the segment and marks the answer reviewed.
func (c *Coder) Code(req CodeRequest) (*CodeResult, error) {
	d, err := c.b.checkSpan(req.Doc, req.Start, req.End)
	if err != nil {
		return nil, err
	}
	created, err := c.b.EnsureCodes(req.Codes, req.New)
	if err != nil {
		return nil, err
	}
	_, existed := c.sess.FindSpan(d.ID, req.Start, req.End)
	seg, err := c.sess.Code(d, req.Start, req.End, req.Codes, req.Memo)
	if err != nil {
		return nil, err
	}
	if !req.KeepUnreviewed {
		if err := c.sess.MarkReviewed(d.ID); err != nil {
			return nil, err
		}
	}
	quote, _ := coding.Quote(d.Text, seg)
	return &CodeResult{Segment: seg, Existed: existed, Created: created, Quote: quote}, nil
}

// EnsureCodes checks that every id names a code of the codebook. Unknown
// ids are an *UnknownCodeError with the nearest codes, unless allowNew:
// then they are created as unattached codes (under the codebook's lock) and
// returned. An id that names a theme is always an error.
func (b *Study) EnsureCodes(ids []string, allowNew bool) ([]string, error) {
	cb, err := b.Codebook()
	if err != nil {
		return nil, err
	}
	var missing []string
	for _, id := range ids {
		n := cb.Find(id)
		switch {
		case n == nil:
			missing = append(missing, id)
		case n.Kind != codebook.Code:
			return nil, fmt.Errorf("%q is a theme in the codebook, not a code: segments carry codes (pick one of the codes under it)", id)
		}
	}
	if len(missing) == 0 {
		return nil, nil
	}
	if !allowNew {
		return nil, &UnknownCodeError{ID: missing[0], Nearest: nearestCodes(cb, missing[0], 3)}
	}
	var created []string
	_, err = b.ChangeCodebook("create codes", false, func(cb *codebook.Codebook, who string, _ func(string) int) (codebook.Remap, error) {
		c, err := codeops.EnsureCodes(cb, who, missing)
		created = c
		return nil, err
	})
	return created, err
}

// Uncode removes codes from segment id (all of them, and the segment, when
// codes is empty). It returns the segment as it was and whether it is left.
func (c *Coder) Uncode(id string, codes ...string) (before coding.Segment, left bool, err error) {
	before, ok := c.sess.Segment(id)
	if !ok {
		return before, false, &NoSegmentError{Coder: c.name, ID: id}
	}
	if err := c.sess.Uncode(id, codes...); err != nil {
		return before, false, err
	}
	_, left = c.sess.Segment(id)
	return before, left, nil
}

// NoSegmentError is a segment the coder does not have. Spans lists the
// coder's segments on the document when the segment was asked for by span.
type NoSegmentError struct {
	Coder, ID  string
	Doc        string
	Start, End int
	Spans      []string
}

func (e *NoSegmentError) Error() string {
	if e.ID != "" {
		return fmt.Sprintf("coder %s has no segment %q", e.Coder, e.ID)
	}
	have := "none"
	if len(e.Spans) > 0 {
		have = fmt.Sprint(e.Spans)
	}
	return fmt.Sprintf("coder %s has no segment on %s %d-%d (segments there: %s)", e.Coder, e.Doc, e.Start, e.End, have)
}

// FindSegment finds the coder's segment with exactly that span.
func (c *Coder) FindSegment(doc string, start, end int) (coding.Segment, error) {
	seg, ok := c.sess.FindSpan(doc, start, end)
	if ok {
		return seg, nil
	}
	e := &NoSegmentError{Coder: c.name, Doc: doc, Start: start, End: end}
	for _, s := range c.sess.SegmentsIn(doc) {
		e.Spans = append(e.Spans, fmt.Sprintf("%d-%d", s.Start, s.End))
	}
	return seg, e
}

// Adjust moves a segment's start or end, keeping its codes and memo.
func (c *Coder) Adjust(id string, start, end int) error {
	seg, ok := c.sess.Segment(id)
	if !ok {
		return &NoSegmentError{Coder: c.name, ID: id}
	}
	d, err := c.b.checkSpan(seg.Document, start, end)
	if err != nil {
		return err
	}
	return c.sess.Adjust(id, d, start, end)
}

// Recode replaces a segment's codes, keeping its span and memo.
func (c *Coder) Recode(id string, codes []string, allowNew bool) ([]string, error) {
	created, err := c.b.EnsureCodes(codes, allowNew)
	if err != nil {
		return nil, err
	}
	return created, c.sess.SetCodes(id, codes)
}

// SetMemo replaces a segment's memo.
func (c *Coder) SetMemo(id, text string) error { return c.sess.SetSegmentMemo(id, text) }

// SetDocumentMemo replaces the coder's memo on an answer.
func (c *Coder) SetDocumentMemo(doc, text string) error {
	if _, err := c.b.Document(doc); err != nil {
		return err
	}
	return c.sess.SetDocumentMemo(doc, text)
}

// SetStudyMemo replaces the coder's memo on the study ("initial ideas").
func (c *Coder) SetStudyMemo(text string) error { return c.sess.SetStudyMemo(text) }

// Review marks answers "read, nothing (more) to code", so that agreement
// counts a code they left unapplied as 0, not missing. Unknown ids are an
// error and nothing is marked.
func (c *Coder) Review(docs ...string) error {
	if err := c.b.checkDocs(docs); err != nil {
		return err
	}
	return c.sess.MarkReviewed(docs...)
}

// Unreview returns answers to "not yet reviewed". An id the study no longer
// has may be unreviewed, to clear a stale entry.
func (c *Coder) Unreview(docs ...string) error { return c.sess.UnmarkReviewed(docs...) }

func (b *Study) checkDocs(ids []string) error {
	for _, id := range ids {
		if _, err := b.Document(id); err != nil {
			return err
		}
	}
	return nil
}

// Restore puts removed segments back as they were (undoing an uncode).
func (c *Coder) Restore(segs ...coding.Segment) error { return c.sess.Restore(segs) }

// AutocodeRequest asks for every hit of a search to be coded.
type AutocodeRequest struct {
	Query string
	Codes []string
	Unit  codeops.Unit
	New   bool
}

// AutocodePlan is what an autocode would do: one request per distinct span,
// sorted by document, with the counts a preview shows.
type AutocodePlan struct {
	Requests                   []coding.CodeRequest
	Documents                  []string
	Added, Extended, Unchanged int
	// Missing lists the codes the codebook lacks (created on Apply when
	// the request allowed new codes).
	Missing []string
	req     AutocodeRequest
}

// PlanAutocode searches and works out what coding every hit would do,
// changing nothing.
func (c *Coder) PlanAutocode(req AutocodeRequest, opt IndexOptions) (*AutocodePlan, error) {
	return c.b.planAutocode(c.name, c.sess.Snapshot(), req, opt)
}

// PlanAutocode is the same as Coder.PlanAutocode for a coder whose coding
// is not open here (a dry run from the command line).
func (b *Study) PlanAutocode(coder string, req AutocodeRequest, opt IndexOptions) (*AutocodePlan, error) {
	if err := b.checkCoder(coder); err != nil {
		return nil, err
	}
	f, err := b.ReadCoding(coder)
	if err != nil {
		return nil, err
	}
	return b.planAutocode(coder, f, req, opt)
}

func (b *Study) planAutocode(coder string, f *coding.File, req AutocodeRequest, opt IndexOptions) (*AutocodePlan, error) {
	if req.Unit == "" {
		req.Unit = codeops.UnitMatch
	}
	if len(req.Codes) == 0 {
		return nil, errors.New("autocode needs at least one code")
	}
	cb, err := b.Codebook()
	if err != nil {
		return nil, err
	}
	plan := &AutocodePlan{req: req}
	for _, id := range req.Codes {
		n := cb.Find(id)
		switch {
		case n == nil && !req.New:
			return nil, &UnknownCodeError{ID: id, Nearest: nearestCodes(cb, id, 3)}
		case n == nil:
			plan.Missing = append(plan.Missing, id)
		case n.Kind != codebook.Code:
			return nil, fmt.Errorf("%q is a theme in the codebook, not a code: segments carry codes", id)
		}
	}
	ix, err := b.OpenIndex(opt)
	if err != nil {
		return nil, err
	}
	res, err := ix.Search(req.Query, index.SearchOptions{SnippetWidth: -1})
	docs := ix.Documents()
	ix.Close()
	if err != nil {
		return nil, err
	}
	plan.Requests, err = codeops.Requests(res.Hits, codeops.DocumentMap(docs), req.Unit, req.Codes, "")
	if err != nil {
		return nil, err
	}
	plan.Documents = requestDocs(plan.Requests)
	plan.Added, plan.Extended, plan.Unchanged = codeops.Preview(f, plan.Requests)
	return plan, nil
}

// ApplyAutocode codes every span of the plan in one durable step and marks
// the coded answers reviewed (one undoable step for a front end).
func (c *Coder) ApplyAutocode(plan *AutocodePlan) (coding.BatchResult, []string, error) {
	var created []string
	if len(plan.Missing) > 0 {
		var err error
		if created, err = c.b.EnsureCodes(plan.Missing, true); err != nil {
			return coding.BatchResult{}, nil, err
		}
	}
	out, err := c.sess.CodeBatch(plan.Requests)
	if err == nil && len(plan.Documents) > 0 {
		err = c.sess.MarkReviewed(plan.Documents...)
	}
	return out, created, err
}

// requestDocs lists the distinct documents of reqs, sorted.
func requestDocs(reqs []coding.CodeRequest) []string {
	seen := make(map[string]bool)
	var out []string
	for _, r := range reqs {
		if !seen[r.Doc.ID] {
			seen[r.Doc.ID] = true
			out = append(out, r.Doc.ID)
		}
	}
	sort.Strings(out)
	return out
}
