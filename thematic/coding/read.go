package coding

import (
	"fmt"
	"slices"
	"unicode/utf8"
)

// MarkRead records that the coder has opened docs. "Read" is a state of its
// own, for the coder's progress: agreement ignores it, and only a reviewed
// document ("read, nothing more to code") counts there.
func (s *Session) MarkRead(docs ...string) error { return s.markRead(opRead, docs) }

// UnmarkRead returns docs to "not yet read".
func (s *Session) UnmarkRead(docs ...string) error { return s.markRead(opUnread, docs) }

func (s *Session) markRead(op string, docs []string) error {
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
	var change []string
	for _, d := range docs {
		if s.st.read[d] != (op == opRead) && !slices.Contains(change, d) {
			change = append(change, d)
		}
	}
	if len(change) == 0 {
		return nil
	}
	slices.Sort(change)
	return s.commit(&record{Op: op, Docs: change})
}

// IsRead reports whether the coder has opened doc.
func (s *Session) IsRead(doc string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st.read[doc]
}

// Progress counts a coder's work: documents opened, reviewed and coded
// (with at least one segment), and segments.
type Progress struct {
	Read, Reviewed, Coded, Segments int
}

// Progress returns the session's counts without copying its segments, so
// that a user interface can show them after every action.
func (s *Session) Progress() Progress {
	s.mu.Lock()
	defer s.mu.Unlock()
	return Progress{Read: len(s.st.read), Reviewed: len(s.st.reviewed), Coded: len(s.st.byDoc), Segments: len(s.st.segs)}
}
