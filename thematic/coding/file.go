package coding

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// Segment is one coded span of one document. Start and End are Unicode code
// point offsets into the document text, start inclusive, end exclusive
// (DESIGN.md §4). The quoted text is never stored: it is sliced from the
// source when needed, so an edited source cannot leave a stale quote behind.
type Segment struct {
	// ID is stable for the life of the segment; other files (the codebook's
	// exemplar quotes, the consensus) refer to segments by it.
	ID       string `json:"id"`
	Document string `json:"document"`
	Start    int    `json:"start"`
	End      int    `json:"end"`
	// Codes are code ids from the codebook, sorted and unique, never empty.
	Codes []string `json:"codes"`
	Memo  string   `json:"memo,omitempty"`
	// Hash is a short hex prefix of the document's content hash when the
	// segment was coded; Stale compares it with the current text.
	Hash    string    `json:"hash,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// HasCode reports whether the segment carries code.
func (s Segment) HasCode(code string) bool {
	_, found := slices.BinarySearch(s.Codes, code)
	return found
}

func (s Segment) clone() Segment {
	s.Codes = slices.Clone(s.Codes)
	return s
}

// File is the content of one coder file, coding/<coder>.yaml.
type File struct {
	Coder string
	// Sequence is the number of the last journal record folded into this
	// file; records up to it are skipped when the journal is replayed, so a
	// crash between writing the file and emptying the journal duplicates
	// nothing.
	Sequence uint64
	// Memo is the coder's memo on the whole study (a reflexive journal).
	Memo string
	// Reviewed lists, sorted, the documents the coder has read: a reviewed
	// document without segments means "read and left uncoded", which
	// agreement statistics count differently from "not yet read".
	Reviewed []string
	// Read lists, sorted, the documents the coder has opened. It is a state
	// of its own, shown as progress; agreement ignores it (only Reviewed
	// counts there).
	Read []string
	// DocumentMemos maps a document id to the coder's memo on it.
	DocumentMemos map[string]string
	// Segments are sorted by document, start, end, id.
	Segments []Segment
}

// compareSegments is the file's segment order: by document, start, end, id.
func compareSegments(a, b Segment) int { return compareSegmentPtrs(&a, &b) }

func compareSegmentPtrs(a, b *Segment) int {
	if c := strings.Compare(a.Document, b.Document); c != 0 {
		return c
	}
	if a.Start != b.Start {
		return cmp.Compare(a.Start, b.Start)
	}
	if a.End != b.End {
		return cmp.Compare(a.End, b.End)
	}
	return strings.Compare(a.ID, b.ID)
}

// canonical reports whether f is already in the order Marshal writes.
func (f *File) canonical() bool {
	for _, s := range f.Segments {
		if !isSet(s.Codes) {
			return false
		}
	}
	for _, v := range f.DocumentMemos {
		if v == "" {
			return false
		}
	}
	return isSet(f.Reviewed) && isSet(f.Read) && segmentsInOrder(f.Segments)
}

// segmentsInOrder reports whether segs are sorted as the file keeps them.
func segmentsInOrder(segs []Segment) bool {
	for i := 1; i < len(segs); i++ {
		if compareSegmentPtrs(&segs[i-1], &segs[i]) > 0 {
			return false
		}
	}
	return true
}

// isSet reports whether xs is sorted without repeats.
func isSet(xs []string) bool {
	for i := 1; i < len(xs); i++ {
		if xs[i-1] >= xs[i] {
			return false
		}
	}
	return true
}

// normalize puts f in the canonical order that Marshal writes.
// Each sort is skipped when its input is already in order, as in every file
// mixeval writes: a check is one pass, a sort of 300,000 segments is not.
func (f *File) normalize() {
	for i := range f.Segments {
		if !isSet(f.Segments[i].Codes) {
			slices.Sort(f.Segments[i].Codes)
			f.Segments[i].Codes = slices.Compact(f.Segments[i].Codes)
		}
	}
	if !segmentsInOrder(f.Segments) {
		slices.SortFunc(f.Segments, compareSegments)
	}
	if !isSet(f.Reviewed) {
		slices.Sort(f.Reviewed)
		f.Reviewed = slices.Compact(f.Reviewed)
	}
	if !isSet(f.Read) {
		slices.Sort(f.Read)
		f.Read = slices.Compact(f.Read)
	}
	maps.DeleteFunc(f.DocumentMemos, func(_, v string) bool { return v == "" })
}

// Clone returns a deep copy of f.
func (f *File) Clone() *File {
	c := *f
	c.Reviewed = slices.Clone(f.Reviewed)
	c.Read = slices.Clone(f.Read)
	c.DocumentMemos = maps.Clone(f.DocumentMemos)
	c.Segments = make([]Segment, len(f.Segments))
	for i, s := range f.Segments {
		c.Segments[i] = s.clone()
	}
	return &c
}

func sortedKeys(m map[string]string) []string {
	return slices.Sorted(maps.Keys(m))
}
