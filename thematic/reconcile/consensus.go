package reconcile

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mixeval/mixeval/thematic/triangulate"
)

// FormatVersion is the version of consensus.yaml this package writes.
const FormatVersion = 1

// Decision kinds.
const (
	AcceptA = "accept-a" // the first coder's spans
	AcceptB = "accept-b" // the second coder's spans
	Both    = "both"     // the union of both coders' spans
	Neither = "neither"  // no segment with this code here
	Edit    = "edit"     // one span given explicitly
)

// Kinds lists the decision kinds in the order they are reported.
var Kinds = []string{AcceptA, AcceptB, Both, Neither, Edit}

// Item statuses, as written in consensus.yaml.
const (
	StatusAgreed   = "agreed"
	StatusOpen     = "open"
	StatusDecided  = "decided"
	StatusObsolete = "obsolete"
)

// Decision settles one item.
type Decision struct {
	Kind string
	// Span is the edited span (Kind Edit only).
	Span triangulate.Span
	Memo string
	By   string
	At   time.Time
}

// Item is one group of overlapping segments with one code in one document.
type Item struct {
	ID       string
	Document string
	Code     string
	A, B     []triangulate.Span
	// Agreed items were accepted automatically.
	Agreed bool
	// Obsolete items' segments have changed or vanished since; they stay
	// in the file with their decisions, which no longer apply.
	Obsolete bool
	Decision *Decision
}

// Status is agreed, open, decided or obsolete.
func (it *Item) Status() string {
	switch {
	case it.Obsolete:
		return StatusObsolete
	case it.Agreed:
		return StatusAgreed
	case it.Decision != nil:
		return StatusDecided
	}
	return StatusOpen
}

// Union is the stretch of text the item covers.
func (it *Item) Union() triangulate.Span {
	return triangulate.Group{A: it.A, B: it.B}.Union()
}

// Spans returns the consensus spans the item contributes: the union when
// agreed; else by its decision; none when open, obsolete or neither.
func (it *Item) Spans() []triangulate.Span {
	if it.Obsolete {
		return nil
	}
	if it.Agreed {
		return []triangulate.Span{it.Union()}
	}
	if it.Decision == nil {
		return nil
	}
	switch it.Decision.Kind {
	case AcceptA:
		return it.A
	case AcceptB:
		return it.B
	case Both:
		return []triangulate.Span{it.Union()}
	case Edit:
		return []triangulate.Span{it.Decision.Span}
	}
	return nil
}

// ItemID derives an item's id from what it is: document, code and both
// coders' spans. The same disagreement always gets the same id; any change
// to its segments gives a new one.
func ItemID(doc, code string, a, b []triangulate.Span) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s", doc, code, triangulate.SpansText(a), triangulate.SpansText(b))
	return hex.EncodeToString(h.Sum(nil))[:10]
}

// Segment is one consensus segment: a span of a document with its codes,
// and the items it comes from.
type Segment struct {
	Document string
	Start    int
	End      int
	Codes    []string
	Items    []string
}

// LogEntry records one change to the consensus.
type LogEntry struct {
	At     time.Time
	By     string
	Action string // update, decide, undo
	Item   string
	// Decision is the decision recorded (decide) or withdrawn (undo).
	Decision string
	Span     string // edit: the span
	Memo     string
	Details  string
}

// Consensus is the content of coding/consensus.yaml.
type Consensus struct {
	Version int
	// Coders are the two coders reconciled: a and b in the items.
	Coders [2]string
	// Overlap is the overlap rule's percent used to match segments.
	Overlap float64
	// Reviewed are the documents both coders had reviewed at the last
	// update: the consensus covers these.
	Reviewed []string
	Items    []*Item
	Segments []Segment
	Log      []LogEntry

	// loaded is the SHA-256 of the file as read (empty for a new
	// consensus), so that Save can refuse to overwrite a file that
	// another reconcile changed in the meantime.
	loaded   [32]byte
	fromDisk bool
}

// Item returns the item with id, or nil.
func (c *Consensus) Item(id string) *Item {
	for _, it := range c.Items {
		if it.ID == id {
			return it
		}
	}
	return nil
}

// itemsByID maps each item's id to the item, for callers that look up
// many items at once.
func (c *Consensus) itemsByID() map[string]*Item {
	m := make(map[string]*Item, len(c.Items))
	for _, it := range c.Items {
		if m[it.ID] == nil { // the first, as Item finds it
			m[it.ID] = it
		}
	}
	return m
}

// Open lists the items still to decide, in document order.
func (c *Consensus) Open() []*Item {
	var out []*Item
	for _, it := range c.Items {
		if it.Status() == StatusOpen {
			out = append(out, it)
		}
	}
	return out
}

// sortItems orders items by document, code, position and id, so that the
// file's order is stable.
func (c *Consensus) sortItems() {
	slices.SortFunc(c.Items, func(x, y *Item) int {
		if r := strings.Compare(x.Document, y.Document); r != 0 {
			return r
		}
		if r := strings.Compare(x.Code, y.Code); r != 0 {
			return r
		}
		ux, uy := x.Union(), y.Union()
		if ux.Start != uy.Start {
			return ux.Start - uy.Start
		}
		if ux.End != uy.End {
			return ux.End - uy.End
		}
		return strings.Compare(x.ID, y.ID)
	})
}

// rebuildSegments derives the consensus segments from the items: one
// segment per document and span, with the codes of every item giving it.
func (c *Consensus) rebuildSegments() {
	type key struct {
		doc        string
		start, end int
	}
	byKey := make(map[key]*Segment, len(c.Items))
	for _, it := range c.Items {
		for _, s := range it.Spans() {
			k := key{it.Document, s.Start, s.End}
			seg := byKey[k]
			if seg == nil {
				seg = &Segment{Document: it.Document, Start: s.Start, End: s.End}
				byKey[k] = seg
			}
			if !slices.Contains(seg.Codes, it.Code) {
				seg.Codes = append(seg.Codes, it.Code)
			}
			if !slices.Contains(seg.Items, it.ID) {
				seg.Items = append(seg.Items, it.ID)
			}
		}
	}
	c.Segments = c.Segments[:0]
	for _, seg := range byKey {
		slices.Sort(seg.Codes)
		slices.Sort(seg.Items)
		c.Segments = append(c.Segments, *seg)
	}
	slices.SortFunc(c.Segments, func(x, y Segment) int {
		if r := strings.Compare(x.Document, y.Document); r != 0 {
			return r
		}
		if x.Start != y.Start {
			return x.Start - y.Start
		}
		return x.End - y.End
	})
}

// Summary counts the items by how they were resolved, for the command's
// report and the methods section.
type Summary struct {
	Items     int            `json:"items"` // current (not obsolete)
	Agreed    int            `json:"agreed_automatically"`
	Decided   int            `json:"decided"`
	ByKind    map[string]int `json:"decided_by_kind"`
	Open      int            `json:"open"`
	Obsolete  int            `json:"obsolete"`
	Segments  int            `json:"consensus_segments"`
	Documents int            `json:"documents_reviewed_by_both"`
}

// Summary counts the items.
func (c *Consensus) Summary() Summary {
	s := Summary{ByKind: map[string]int{}, Segments: len(c.Segments), Documents: len(c.Reviewed)}
	for _, k := range Kinds {
		s.ByKind[k] = 0
	}
	for _, it := range c.Items {
		switch it.Status() {
		case StatusObsolete:
			s.Obsolete++
			continue
		case StatusAgreed:
			s.Agreed++
		case StatusDecided:
			s.Decided++
			s.ByKind[it.Decision.Kind]++
		case StatusOpen:
			s.Open++
		}
		s.Items++
	}
	return s
}

func (s Summary) String() string {
	var kinds []string
	for _, k := range Kinds {
		kinds = append(kinds, fmt.Sprintf("%s %d", k, s.ByKind[k]))
	}
	return fmt.Sprintf("%d items: %d agreed automatically, %d decided (%s), %d open; %d obsolete; %d consensus segments on %d documents reviewed by both",
		s.Items, s.Agreed, s.Decided, strings.Join(kinds, ", "), s.Open, s.Obsolete, s.Segments, s.Documents)
}

// Recode follows a codebook remap (old code id → new): each item of a
// remapped code takes the new code and, since an item's id says what it
// is, a new id; its decision stays. An item that would take the id of an
// item already there (both codes had the same spans) is marked obsolete
// instead. It returns how many items changed.
func (c *Consensus) Recode(remap map[string]string) int {
	taken := make(map[string]bool, len(c.Items))
	for _, it := range c.Items {
		taken[it.ID] = true
	}
	n := 0
	for _, it := range c.Items {
		to, ok := remap[it.Code]
		if !ok || to == it.Code {
			continue
		}
		n++
		id := ItemID(it.Document, to, it.A, it.B)
		if taken[id] {
			it.Code, it.Obsolete = to, true
			continue
		}
		delete(taken, it.ID)
		it.ID, it.Code = id, to
		taken[id] = true
	}
	if n > 0 {
		c.sortItems()
		c.rebuildSegments()
	}
	return n
}
