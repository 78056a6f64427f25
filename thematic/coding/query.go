package coding

import (
	"slices"
)

// Snapshot returns the session's current coding as a File (a copy), e.g.
// for Check and Stale.
func (s *Session) Snapshot() *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.file()
}

// Segments returns all segments in file order (document, start, end, id).
func (s *Session) Segments() []Segment {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Segment, 0, len(s.st.segs))
	for _, seg := range s.st.segs {
		out = append(out, seg.clone())
	}
	slices.SortFunc(out, compareSegments)
	return out
}

// Len returns the number of segments.
func (s *Session) Len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.st.segs)
}

// SegmentsIn returns the segments of one document, in text order.
func (s *Session) SegmentsIn(doc string) []Segment {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := s.st.byDoc[doc]
	out := make([]Segment, 0, len(ids))
	for _, id := range ids {
		out = append(out, s.st.segs[id].clone())
	}
	slices.SortFunc(out, compareSegments)
	return out
}

// SegmentsWith returns the segments carrying code, in file order.
func (s *Session) SegmentsWith(code string) []Segment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Segment
	for _, seg := range s.st.segs {
		if seg.HasCode(code) {
			out = append(out, seg.clone())
		}
	}
	slices.SortFunc(out, compareSegments)
	return out
}

// Segment returns the segment with id.
func (s *Session) Segment(id string) (Segment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	seg, ok := s.st.segs[id]
	if !ok {
		return Segment{}, false
	}
	return seg.clone(), true
}

// FindSpan returns the segment on exactly doc[start:end], if any.
func (s *Session) FindSpan(doc string, start, end int) (Segment, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.st.spans[span{doc, start, end}]
	if !ok {
		return Segment{}, false
	}
	return s.st.segs[id].clone(), true
}

// Reviewed reports whether the coder has marked doc as reviewed.
func (s *Session) Reviewed(doc string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.reviewed[doc]
}

// ReviewedDocs returns the reviewed documents, sorted.
func (s *Session) ReviewedDocs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.st.reviewed))
	for d := range s.st.reviewed {
		out = append(out, d)
	}
	slices.Sort(out)
	return out
}

// StudyMemo returns the coder's memo on the study.
func (s *Session) StudyMemo() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.memo
}

// DocumentMemo returns the coder's memo on doc ("" when none).
func (s *Session) DocumentMemo(doc string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.docMemos[doc]
}

// SegmentsIn returns the segments of one document from a File, in text
// order (f.Segments is sorted by document first).
func (f *File) SegmentsIn(doc string) []Segment {
	i, _ := slices.BinarySearchFunc(f.Segments, doc, func(s Segment, d string) int {
		switch {
		case s.Document < d:
			return -1
		case s.Document > d:
			return 1
		}
		return 0
	})
	j := i
	for j < len(f.Segments) && f.Segments[j].Document == doc {
		j++
	}
	return f.Segments[i:j]
}

// Quote returns the text a segment covers in doc, sliced by code points,
// and false when the span lies outside the text.
func Quote(doc string, seg Segment) (string, bool) {
	if seg.Start < 0 || seg.End < seg.Start {
		return "", false
	}
	i, start, end := 0, -1, -1
	for b := range doc {
		if i == seg.Start {
			start = b
		}
		if i == seg.End {
			end = b
			break
		}
		i++
	}
	if seg.Start == i && start < 0 {
		start = len(doc)
	}
	if end < 0 && seg.End == i {
		end = len(doc)
	}
	if start < 0 || end < 0 {
		return "", false
	}
	return doc[start:end], true
}
