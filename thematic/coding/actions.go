package coding

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// CodeRequest asks for one span of one document to be coded.
type CodeRequest struct {
	Doc   corpus.Document
	Start int
	End   int
	Codes []string
	// Memo, when not empty, replaces the segment's memo.
	Memo string
}

// BatchResult says what a batch did, and gives each request's segment as it
// is after the batch, in request order.
type BatchResult struct {
	Segments []Segment
	// Added counts new segments, Extended segments that gained codes or a
	// memo, Unchanged requests that were already fully coded.
	Added, Extended, Unchanged int
}

// Code codes doc's text from start to end (code points, end exclusive) with
// codes. If the coder already has a segment on exactly that span the codes
// are added to it. It returns the segment as stored.
func (s *Session) Code(doc corpus.Document, start, end int, codes []string, memo string) (Segment, error) {
	res, err := s.CodeBatch([]CodeRequest{{Doc: doc, Start: start, End: end, Codes: codes, Memo: memo}})
	if err != nil {
		return Segment{}, err
	}
	return res.Segments[0], nil
}

// CodeBatch codes many spans in one durable step (one journal record, one
// sync): either all of them are kept after a crash or none. It is what
// autocode uses. Requests are all validated first; one bad request fails
// the whole batch, naming it.
func (s *Session) CodeBatch(reqs []CodeRequest) (BatchResult, error) {
	var res BatchResult
	if len(reqs) == 0 {
		return res, nil
	}
	items := make([]recordSegment, 0, len(reqs))
	lengths := map[string]int{}
	for i, q := range reqs {
		n, ok := lengths[q.Doc.ID]
		if !ok {
			n = utf8.RuneCountInString(q.Doc.Text)
			lengths[q.Doc.ID] = n
		}
		if err := checkRequest(q, n); err != nil {
			if len(reqs) > 1 {
				err = fmt.Errorf("request %d: %w", i+1, err)
			}
			return res, err
		}
		items = append(items, recordSegment{Doc: q.Doc.ID, Start: q.Start, End: q.End,
			Codes: mergeCodes(nil, q.Codes), Memo: q.Memo, Hash: DocumentHash(q.Doc)})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return res, ErrClosed
	}
	// Decide ids now, and leave out what would change nothing.
	var changes []recordSegment
	plannedIDs := map[string]bool{}
	plannedSpans := map[span][]string{} // new span → codes it will have
	for i := range items {
		it := &items[i]
		sp := span{it.Doc, it.Start, it.End}
		if id, ok := s.st.spans[sp]; ok {
			seg := s.st.segs[id]
			if containsAll(seg.Codes, it.Codes) && (it.Memo == "" || it.Memo == seg.Memo) && seg.Hash == it.Hash {
				res.Unchanged++
				continue
			}
			res.Extended++
			it.ID = id
		} else if codes, ok := plannedSpans[sp]; ok {
			// The same new span twice in one batch, as autocode gives for
			// two hits in one sentence: one segment.
			if containsAll(codes, it.Codes) && it.Memo == "" {
				res.Unchanged++
				continue
			}
			res.Extended++
			plannedSpans[sp] = mergeCodes(codes, it.Codes)
		} else {
			it.ID = s.st.segmentID(it.Doc, it.Start, it.End)
			if plannedIDs[it.ID] { // two new spans with clashing ids
				it.ID = s.st.segmentIDSalted(it.Doc, it.Start, it.End, plannedIDs)
			}
			plannedIDs[it.ID] = true
			plannedSpans[sp] = it.Codes
			res.Added++
		}
		changes = append(changes, *it)
	}
	if len(changes) > 0 {
		if err := s.commit(&record{Op: opCode, Segs: changes}); err != nil {
			return BatchResult{}, err
		}
	}
	res.Segments = make([]Segment, len(items))
	for i, it := range items {
		res.Segments[i] = s.st.segs[s.st.spans[span{it.Doc, it.Start, it.End}]].clone()
	}
	return res, nil
}

func checkRequest(q CodeRequest, length int) error {
	switch {
	case q.Doc.ID == "":
		return errors.New("no document id")
	case !utf8.ValidString(q.Doc.ID):
		return fmt.Errorf("document id %q is not valid UTF-8 text", q.Doc.ID)
	case q.Start < 0:
		return fmt.Errorf("%s: start %d is negative; offsets count code points from 0", q.Doc.ID, q.Start)
	case q.End <= q.Start:
		return fmt.Errorf("%s: end %d must be greater than start %d (end is exclusive)", q.Doc.ID, q.End, q.Start)
	case q.End > length:
		return fmt.Errorf("%s: end %d is beyond the text, which has %d characters", q.Doc.ID, q.End, length)
	case len(q.Codes) == 0:
		return fmt.Errorf("%s %d-%d: give at least one code", q.Doc.ID, q.Start, q.End)
	case !utf8.ValidString(q.Memo):
		return fmt.Errorf("%s %d-%d: the memo is not valid UTF-8 text", q.Doc.ID, q.Start, q.End)
	}
	for _, c := range q.Codes {
		if err := checkCode(c); err != nil {
			return fmt.Errorf("%s %d-%d: %w", q.Doc.ID, q.Start, q.End, err)
		}
	}
	return nil
}

func checkCode(c string) error {
	if c == "" || strings.TrimSpace(c) != c || strings.ContainsAny(c, "\n\r\t") || !utf8.ValidString(c) {
		return fmt.Errorf("code %q is not a code id (no spaces around it, no line breaks)", c)
	}
	return nil
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// Uncode removes codes from segment id; with no codes it removes the whole
// segment. A segment left without codes is removed.
func (s *Session) Uncode(id string, codes ...string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	seg, ok := s.st.segs[id]
	if !ok {
		return fmt.Errorf("coder %s has no segment %q", s.coder, id)
	}
	for _, c := range codes {
		if !seg.HasCode(c) {
			return fmt.Errorf("segment %s (%s %d-%d) is not coded %q; its codes are %s",
				id, seg.Document, seg.Start, seg.End, c, strings.Join(seg.Codes, ", "))
		}
	}
	return s.commit(&record{Op: opUncode, ID: id, Codes: mergeCodes(nil, codes)})
}

// SetStudyMemo replaces the coder's memo on the whole study.
func (s *Session) SetStudyMemo(text string) error {
	if !utf8.ValidString(text) {
		return errors.New("the memo is not valid UTF-8 text")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.st.memo == text {
		return nil
	}
	return s.commit(&record{Op: opMemo, Text: text})
}

// SetDocumentMemo replaces the coder's memo on a document; empty text
// removes it.
func (s *Session) SetDocumentMemo(doc, text string) error {
	if doc == "" || !utf8.ValidString(doc) {
		return fmt.Errorf("document id %q: empty or not UTF-8 text", doc)
	}
	if !utf8.ValidString(text) {
		return errors.New("the memo is not valid UTF-8 text")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if s.st.docMemos[doc] == text {
		return nil
	}
	return s.commit(&record{Op: opDocMemo, Doc: doc, Text: text})
}

// SetSegmentMemo replaces the memo on segment id; empty text removes it.
func (s *Session) SetSegmentMemo(id, text string) error {
	if !utf8.ValidString(text) {
		return errors.New("the memo is not valid UTF-8 text")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	seg, ok := s.st.segs[id]
	if !ok {
		return fmt.Errorf("coder %s has no segment %q", s.coder, id)
	}
	if seg.Memo == text {
		return nil
	}
	return s.commit(&record{Op: opSegMemo, ID: id, Text: text})
}

// MarkReviewed records that the coder has read docs.
func (s *Session) MarkReviewed(docs ...string) error { return s.review(opReview, docs) }

// UnmarkReviewed returns docs to "not yet read".
func (s *Session) UnmarkReviewed(docs ...string) error { return s.review(opUnreview, docs) }

func (s *Session) review(op string, docs []string) error {
	for _, d := range docs {
		if d == "" || !utf8.ValidString(d) {
			return fmt.Errorf("document id %q: empty or not UTF-8 text", d)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	// Sort, then drop repeats: a scan of the list for each id made
	// autocode of 100,000 answers quadratic (issue 14).
	change := make([]string, 0, len(docs))
	for _, d := range docs {
		if s.st.reviewed[d] != (op == opReview) {
			change = append(change, d)
		}
	}
	if len(change) == 0 {
		return nil
	}
	slices.Sort(change)
	change = slices.Compact(change)
	return s.commit(&record{Op: op, Docs: change})
}

// RenameCode replaces code old by new on every segment. The codebook keeps
// ids stable on a rename of the name; this is for when an id itself changes.
func (s *Session) RenameCode(old, new string) error {
	return s.Recode(map[string]string{old: new})
}

// MergeCodes replaces each code in from by into; a segment that had several
// of them keeps into once.
func (s *Session) MergeCodes(from []string, into string) error {
	m := make(map[string]string, len(from))
	for _, c := range from {
		m[c] = into
	}
	return s.Recode(m)
}

// Recode applies a code id mapping (old → new) from the codebook to every
// segment, in one durable step.
func (s *Session) Recode(mapping map[string]string) error {
	for from, to := range mapping {
		if err := checkCode(from); err != nil {
			return err
		}
		if err := checkCode(to); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	used := false
	for _, seg := range s.st.segs {
		for _, c := range seg.Codes {
			if to, ok := mapping[c]; ok && to != c {
				used = true
				break
			}
		}
		if used {
			break
		}
	}
	if !used {
		return nil
	}
	return s.commit(&record{Op: opRecode, Map: mapping})
}

// SetCodes replaces the codes of segment id, keeping its span and memo
// (recoding a segment).
func (s *Session) SetCodes(id string, codes []string) error {
	if len(codes) == 0 {
		return errors.New("give at least one code; to remove the segment, uncode it")
	}
	for _, c := range codes {
		if err := checkCode(c); err != nil {
			return err
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	seg, ok := s.st.segs[id]
	if !ok {
		return fmt.Errorf("coder %s has no segment %q", s.coder, id)
	}
	codes = mergeCodes(nil, codes)
	if slices.Equal(seg.Codes, codes) {
		return nil
	}
	return s.commit(&record{Op: opSetCodes, ID: id, Codes: codes})
}

// Adjust moves segment id to [start, end) of doc, its document as it is
// now, keeping its id, codes and memo. A span another segment of the coder
// already has is refused: code that segment instead.
func (s *Session) Adjust(id string, doc corpus.Document, start, end int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	seg, ok := s.st.segs[id]
	if !ok {
		return fmt.Errorf("coder %s has no segment %q", s.coder, id)
	}
	if seg.Document != doc.ID {
		return fmt.Errorf("segment %s is on %s, not %s", id, seg.Document, doc.ID)
	}
	if err := checkRequest(CodeRequest{Doc: doc, Start: start, End: end, Codes: seg.Codes}, utf8.RuneCountInString(doc.Text)); err != nil {
		return err
	}
	if seg.Start == start && seg.End == end {
		return nil
	}
	if other, taken := s.st.spans[span{doc.ID, start, end}]; taken {
		return fmt.Errorf("segment %s already has %s %d-%d: add the codes to it instead", other, doc.ID, start, end)
	}
	return s.commit(&record{Op: opAdjust, ID: id, Segs: []recordSegment{{ID: id, Doc: doc.ID, Start: start, End: end, Hash: DocumentHash(doc)}}})
}

// Restore puts segments back exactly as they were (id, span, codes, memo,
// hash, creation time), in one durable step: undoing their removal. A
// segment whose id or span is taken again is refused, naming it.
func (s *Session) Restore(segs []Segment) error {
	if len(segs) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	items := make([]recordSegment, 0, len(segs))
	for _, g := range segs {
		if _, taken := s.st.segs[g.ID]; taken {
			return fmt.Errorf("segment %s exists again: it cannot be restored", g.ID)
		}
		if other, taken := s.st.spans[span{g.Document, g.Start, g.End}]; taken {
			return fmt.Errorf("segment %s now has %s %d-%d: segment %s cannot be restored there", other, g.Document, g.Start, g.End, g.ID)
		}
		if len(g.Codes) == 0 || g.End <= g.Start || g.Start < 0 {
			return fmt.Errorf("segment %s cannot be restored: it has no codes or no span", g.ID)
		}
		items = append(items, recordSegment{ID: g.ID, Doc: g.Document, Start: g.Start, End: g.End,
			Codes: mergeCodes(nil, g.Codes), Memo: g.Memo, Hash: g.Hash, Created: g.Created.Unix()})
	}
	return s.commit(&record{Op: opRestore, Segs: items})
}

// SegmentCodes gives a segment its codes; no codes removes the segment.
type SegmentCodes struct {
	ID    string
	Codes []string
}

// SetCodesMany sets the codes of many segments (removing those given no
// codes) in one durable step: undoing an autocode batch of thousands of
// spans costs one journal record, not one per segment. A segment the coder
// does not have is refused, naming it, and nothing changes.
func (s *Session) SetCodesMany(changes []SegmentCodes) error {
	items := make([]recordSegment, 0, len(changes))
	for _, c := range changes {
		for _, code := range c.Codes {
			if err := checkCode(code); err != nil {
				return err
			}
		}
		items = append(items, recordSegment{ID: c.ID, Codes: mergeCodes(nil, c.Codes)})
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	for _, it := range items {
		if _, ok := s.st.segs[it.ID]; !ok {
			return fmt.Errorf("coder %s has no segment %q", s.coder, it.ID)
		}
	}
	if len(items) == 0 {
		return nil
	}
	return s.commit(&record{Op: opSetMany, Segs: items})
}
