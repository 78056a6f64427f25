package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// span identifies a segment's place; a coder has at most one segment per
// span, so coding the same span again adds codes to it.
type span struct {
	doc        string
	start, end int
}

// state is a coder's coding in memory, indexed for the session's queries.
// apply is its only mutator and never fails: actions are validated before
// their record is written, so replay reproduces them exactly.
type state struct {
	coder    string
	seq      uint64
	memo     string
	reviewed map[string]bool
	read     map[string]bool
	docMemos map[string]string
	segs     map[string]*Segment
	spans    map[span]string
	byDoc    map[string][]string // document → segment ids
	// usedElsewhere, when set, reports ids taken by segments the state
	// does not hold (a partial session).
	usedElsewhere func(id string) bool
}

func newState(f *File) *state {
	st := &state{
		coder:    f.Coder,
		seq:      f.Sequence,
		memo:     f.Memo,
		reviewed: make(map[string]bool, len(f.Reviewed)),
		read:     make(map[string]bool, len(f.Read)),
		docMemos: make(map[string]string, len(f.DocumentMemos)),
		segs:     make(map[string]*Segment, len(f.Segments)),
		spans:    make(map[span]string, len(f.Segments)),
		byDoc:    map[string][]string{},
	}
	for _, d := range f.Reviewed {
		st.reviewed[d] = true
	}
	for _, d := range f.Read {
		st.read[d] = true
	}
	for d, m := range f.DocumentMemos {
		st.docMemos[d] = m
	}
	for _, s := range f.Segments {
		s := s.clone()
		st.insert(&s)
	}
	return st
}

func (st *state) insert(s *Segment) {
	st.segs[s.ID] = s
	st.spans[span{s.Document, s.Start, s.End}] = s.ID
	st.byDoc[s.Document] = append(st.byDoc[s.Document], s.ID)
}

func (st *state) remove(id string) {
	s, ok := st.segs[id]
	if !ok {
		return
	}
	delete(st.segs, id)
	delete(st.spans, span{s.Document, s.Start, s.End})
	ids := st.byDoc[s.Document]
	if i := slices.Index(ids, id); i >= 0 {
		ids = slices.Delete(ids, i, i+1)
	}
	if len(ids) == 0 {
		delete(st.byDoc, s.Document)
	} else {
		st.byDoc[s.Document] = ids
	}
}

// file returns the state as a File in canonical order.
func (st *state) file() *File {
	f := &File{Coder: st.coder, Sequence: st.seq, Memo: st.memo, DocumentMemos: map[string]string{}}
	for d := range st.reviewed {
		f.Reviewed = append(f.Reviewed, d)
	}
	for d, m := range st.docMemos {
		f.DocumentMemos[d] = m
	}
	slices.Sort(f.Reviewed)
	for d := range st.read {
		f.Read = append(f.Read, d)
	}
	slices.Sort(f.Read)
	// Sort pointers, not 150-byte structs; apply keeps codes sorted, so
	// the result is canonical without normalize.
	ptrs := make([]*Segment, 0, len(st.segs))
	for _, s := range st.segs {
		ptrs = append(ptrs, s)
	}
	slices.SortFunc(ptrs, compareSegmentPtrs)
	f.Segments = make([]Segment, len(ptrs))
	for i, s := range ptrs {
		f.Segments[i] = s.clone()
	}
	return f
}

// segmentID derives a segment's id from its place, so that the same coder
// coding the same span on two laptops produces the same id and git sees one
// segment. A clash with another span (1 in 10^12 per pair) takes the next salt.
func (st *state) segmentID(doc string, start, end int) string {
	for salt := 0; ; salt++ {
		h := sha256.New()
		h.Write([]byte(doc))
		h.Write([]byte{0})
		h.Write(strconv.AppendInt(nil, int64(start), 10))
		h.Write([]byte{0})
		h.Write(strconv.AppendInt(nil, int64(end), 10))
		if salt > 0 {
			h.Write([]byte{0})
			h.Write(strconv.AppendInt(nil, int64(salt), 10))
		}
		id := hex.EncodeToString(h.Sum(nil)[:5])
		if _, used := st.segs[id]; !used && (st.usedElsewhere == nil || !st.usedElsewhere(id)) {
			return id
		}
	}
}

// segmentIDSalted finds an id used neither in the state nor in taken.
func (st *state) segmentIDSalted(doc string, start, end int, taken map[string]bool) string {
	for salt := 1; ; salt++ {
		id := st.segmentID(fmt.Sprintf("%s\x00%d", doc, salt), start, end)
		if !taken[id] {
			return id
		}
	}
}

// apply performs one journal record's action.
func (st *state) apply(r *record) {
	t := time.Unix(r.Time, 0).UTC()
	switch r.Op {
	case opCode:
		for _, rs := range r.Segs {
			st.code(rs, t)
		}
	case opUncode:
		s, ok := st.segs[r.ID]
		if !ok {
			break
		}
		if len(r.Codes) == 0 {
			st.remove(r.ID)
			break
		}
		s.Codes = slices.DeleteFunc(s.Codes, func(c string) bool { return slices.Contains(r.Codes, c) })
		if len(s.Codes) == 0 {
			st.remove(r.ID)
		} else {
			s.Updated = t
		}
	case opMemo:
		st.memo = r.Text
	case opDocMemo:
		if r.Text == "" {
			delete(st.docMemos, r.Doc)
		} else {
			st.docMemos[r.Doc] = r.Text
		}
	case opSegMemo:
		if s, ok := st.segs[r.ID]; ok {
			s.Memo = r.Text
			s.Updated = t
		}
	case opReview:
		for _, d := range r.Docs {
			st.reviewed[d] = true
		}
	case opUnreview:
		for _, d := range r.Docs {
			delete(st.reviewed, d)
		}
	case opRead:
		for _, d := range r.Docs {
			st.read[d] = true
		}
	case opUnread:
		for _, d := range r.Docs {
			delete(st.read, d)
		}
	case opSetCodes:
		if s, ok := st.segs[r.ID]; ok {
			s.Codes = mergeCodes(nil, r.Codes)
			s.Updated = t
		}
	case opSetMany:
		for _, rs := range r.Segs {
			s, ok := st.segs[rs.ID]
			switch {
			case !ok:
			case len(rs.Codes) == 0:
				st.remove(rs.ID)
			default:
				s.Codes = mergeCodes(nil, rs.Codes)
				s.Updated = t
			}
		}
	case opAdjust:
		if s, ok := st.segs[r.ID]; ok && len(r.Segs) == 1 {
			st.remove(r.ID)
			s.Start, s.End, s.Updated = r.Segs[0].Start, r.Segs[0].End, t
			if r.Segs[0].Hash != "" {
				s.Hash = r.Segs[0].Hash
			}
			st.insert(s)
		}
	case opRestore:
		for _, rs := range r.Segs {
			created := time.Unix(rs.Created, 0).UTC()
			st.insert(&Segment{ID: rs.ID, Document: rs.Doc, Start: rs.Start, End: rs.End,
				Codes: mergeCodes(nil, rs.Codes), Memo: rs.Memo, Hash: rs.Hash, Created: created, Updated: t})
		}
	case opRecode:
		for _, s := range st.segs {
			changed := false
			for i, c := range s.Codes {
				if to, ok := r.Map[c]; ok && to != c {
					s.Codes[i] = to
					changed = true
				}
			}
			if changed {
				slices.Sort(s.Codes)
				s.Codes = slices.Compact(s.Codes)
				s.Updated = t
			}
		}
	}
	st.seq = r.Seq
}

func (st *state) code(rs recordSegment, t time.Time) {
	if id, ok := st.spans[span{rs.Doc, rs.Start, rs.End}]; ok {
		s := st.segs[id]
		s.Codes = mergeCodes(s.Codes, rs.Codes)
		if rs.Memo != "" {
			s.Memo = rs.Memo
		}
		if rs.Hash != "" {
			// Coding the span again confirms it on the text as it is now,
			// which clears a stale mark left by an edited source.
			s.Hash = rs.Hash
		}
		s.Updated = t
		return
	}
	id := rs.ID
	if _, used := st.segs[id]; used || id == "" || st.usedElsewhere != nil && st.usedElsewhere(id) {
		id = st.segmentID(rs.Doc, rs.Start, rs.End)
	}
	st.insert(&Segment{
		ID: id, Document: rs.Doc, Start: rs.Start, End: rs.End,
		Codes: mergeCodes(nil, rs.Codes), Memo: rs.Memo, Hash: rs.Hash,
		Created: t, Updated: t,
	})
}

// mergeCodes returns the sorted union of have and add.
func mergeCodes(have, add []string) []string {
	out := append(slices.Clone(have), add...)
	slices.Sort(out)
	return slices.Compact(out)
}
