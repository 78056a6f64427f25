package reconcile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Options tune Update.
type Options struct {
	// Overlap is the overlap rule's percent (default 90, or the one the
	// file was built with).
	Overlap float64
	// By names who ran the update, for the log; Now gives the time.
	By  string
	Now func() time.Time
}

func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now().UTC().Truncate(time.Second)
	}
	return time.Now().UTC().Truncate(time.Second)
}

// New returns an empty consensus for two coders.
func New(a, b string) *Consensus {
	return &Consensus{Version: FormatVersion, Coders: [2]string{a, b}, Overlap: triangulate.DefaultOverlap}
}

// UpdateResult says what an update changed.
type UpdateResult struct {
	New       int // items added
	NewAgreed int // of which agreed automatically
	Obsolete  int // items whose segments vanished in this update
	Revived   int // obsolete items whose segments came back
	// NotReviewedByBoth counts documents with segments that only one coder
	// has reviewed so far; they wait until the other has.
	NotReviewedByBoth int
}

// Update compares the two coders' codings on the documents both have
// reviewed and brings the items up to date: new groups become new items
// (agreed ones accepted automatically), groups that no longer exist mark
// their items obsolete, and every decision on an unchanged group is kept.
func (c *Consensus) Update(a, b *coding.File, docs []corpus.Document, opt Options) (UpdateResult, error) {
	var res UpdateResult
	if a.Coder != c.Coders[0] || b.Coder != c.Coders[1] {
		return res, fmt.Errorf("coding/consensus.yaml reconciles %s and %s, not %s and %s: reconcile %s and %s, or move the file aside to start again",
			c.Coders[0], c.Coders[1], a.Coder, b.Coder, c.Coders[0], c.Coders[1])
	}
	if opt.Overlap > 0 {
		if len(c.Items) > 0 && opt.Overlap != c.Overlap {
			return res, fmt.Errorf("coding/consensus.yaml was built with an overlap of %v%%; re-running with %v%% would change which segments agree: keep %v, or move the file aside to start again", c.Overlap, opt.Overlap, c.Overlap)
		}
		c.Overlap = opt.Overlap
	}
	if c.Overlap <= 0 {
		c.Overlap = triangulate.DefaultOverlap
	}
	ia, ib := triangulate.NewIndex(a), triangulate.NewIndex(b)
	ra, rb := reviewed(a), reviewed(b)
	current := map[string]bool{}
	// Items by id, built once: looking each group's item up by a scan of
	// all items made an update quadratic (issue 14).
	byID := c.itemsByID()
	c.Reviewed = c.Reviewed[:0]
	for _, doc := range docs {
		both := ra[doc.ID] && rb[doc.ID]
		if !both {
			if len(ia[doc.ID]) > 0 || len(ib[doc.ID]) > 0 {
				res.NotReviewedByBoth++
			}
			continue
		}
		c.Reviewed = append(c.Reviewed, doc.ID)
		for _, code := range codesIn(ia[doc.ID], ib[doc.ID]) {
			for _, g := range triangulate.Groups(doc.ID, code, ia[doc.ID][code], ib[doc.ID][code], c.Overlap) {
				id := ItemID(doc.ID, code, g.A, g.B)
				current[id] = true
				if it := byID[id]; it != nil {
					if it.Obsolete {
						it.Obsolete = false
						res.Revived++
					}
					it.Agreed = g.Agreed
					continue
				}
				it := &Item{ID: id, Document: doc.ID, Code: code, A: g.A, B: g.B, Agreed: g.Agreed}
				c.Items = append(c.Items, it)
				byID[id] = it
				res.New++
				if g.Agreed {
					res.NewAgreed++
				}
			}
		}
	}
	for _, it := range c.Items {
		if !current[it.ID] && !it.Obsolete {
			it.Obsolete = true
			res.Obsolete++
		}
	}
	c.sortItems()
	c.rebuildSegments()
	// An update that changes nothing is not logged, so that listing the
	// open items does not churn the file under git.
	if res.New+res.Obsolete+res.Revived == 0 && len(c.Log) > 0 {
		return res, nil
	}
	c.Log = append(c.Log, LogEntry{At: opt.now(), By: opt.By, Action: "update",
		Details: fmt.Sprintf("%d new items (%d agreed automatically), %d obsolete, %d back", res.New, res.NewAgreed, res.Obsolete, res.Revived)})
	return res, nil
}

func reviewed(f *coding.File) map[string]bool {
	set := make(map[string]bool, len(f.Reviewed))
	for _, d := range f.Reviewed {
		set[d] = true
	}
	for _, s := range f.Segments {
		set[s.Document] = true
	}
	return set
}

func codesIn(a, b map[string][]triangulate.Span) []string {
	var out []string
	for c := range a {
		out = append(out, c)
	}
	for c := range b {
		if _, ok := a[c]; !ok {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// ErrUnknownItem is returned for an item id that the consensus does not hold.
var ErrUnknownItem = errors.New("no such item")

func (c *Consensus) lookup(id string) (*Item, error) {
	it := c.Item(id)
	if it == nil {
		return nil, fmt.Errorf("item %q: %w in coding/consensus.yaml (list the open items to see their ids)", id, ErrUnknownItem)
	}
	return it, nil
}

// ParseKind checks a decision kind.
func ParseKind(s string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	if slices.Contains(Kinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("decision %q is not known: use accept-a, accept-b, both, neither or edit (with a span)", s)
}

// Decide records a decision on an open or decided item (deciding again
// replaces the decision; both stay in the log). texts, when given, maps
// document ids to their text so that an edited span is checked against
// the document's length.
func (c *Consensus) Decide(id string, d Decision, texts map[string]string) error {
	it, err := c.lookup(id)
	if err != nil {
		return err
	}
	if err := c.decide(it, d, texts); err != nil {
		return err
	}
	c.rebuildSegments()
	return nil
}

// decide records d on it without deriving the segments again, so that
// Apply derives them once for many decisions.
func (c *Consensus) decide(it *Item, d Decision, texts map[string]string) error {
	id := it.ID
	kind, err := ParseKind(d.Kind)
	if err != nil {
		return fmt.Errorf("item %s: %w", id, err)
	}
	d.Kind = kind
	switch it.Status() {
	case StatusObsolete:
		return fmt.Errorf("item %s is obsolete: its segments changed after it was listed; update the consensus and decide the new item", id)
	case StatusAgreed:
		return fmt.Errorf("item %s was agreed automatically (both coders' spans match); there is nothing to decide", id)
	}
	if d.Kind == Edit {
		if d.Span.Start < 0 || d.Span.End <= d.Span.Start {
			return fmt.Errorf("item %s: an edit needs a span START-END with 0 <= START < END, e.g. edit:10-24", id)
		}
		if text, ok := texts[it.Document]; ok {
			if n := utf8.RuneCountInString(text); d.Span.End > n {
				return fmt.Errorf("item %s: span %s ends beyond the text of %s, which has %d code points", id, d.Span, it.Document, n)
			}
		}
	} else if d.Span != (triangulate.Span{}) {
		return fmt.Errorf("item %s: a span goes with an edit only", id)
	}
	if d.At.IsZero() {
		d.At = time.Now()
	}
	d.At = d.At.UTC().Truncate(time.Second)
	entry := LogEntry{At: d.At, By: d.By, Action: "decide", Item: id, Decision: d.Kind, Memo: d.Memo}
	if d.Kind == Edit {
		entry.Span = d.Span.String()
	}
	if it.Decision != nil {
		entry.Details = "replaces " + it.Decision.Kind
	}
	it.Decision = &d
	c.Log = append(c.Log, entry)
	return nil
}

// Undo withdraws the decision on an item, which becomes open again.
func (c *Consensus) Undo(id, by string, at time.Time) error {
	it, err := c.lookup(id)
	if err != nil {
		return err
	}
	if it.Decision == nil {
		return fmt.Errorf("item %s has no decision to undo (it is %s)", id, it.Status())
	}
	if at.IsZero() {
		at = time.Now()
	}
	c.Log = append(c.Log, LogEntry{At: at.UTC().Truncate(time.Second), By: by, Action: "undo", Item: id, Decision: it.Decision.Kind})
	it.Decision = nil
	c.rebuildSegments()
	return nil
}

// Build brings a study's consensus up to date with the coders' files: it
// loads coding/consensus.yaml (or starts one for the two coders), reads
// both codings (YAML plus any unfinished journal, without locking) and runs
// Update. It does not save: call Save when done.
func Build(studyDir string, coders [2]string, docs []corpus.Document, opt Options) (*Consensus, UpdateResult, error) {
	c, err := LoadOrNew(studyDir, coders[0], coders[1])
	if err != nil {
		return nil, UpdateResult{}, err
	}
	a, err := coding.Read(studyDir, coders[0])
	if err != nil {
		return nil, UpdateResult{}, err
	}
	b, err := coding.Read(studyDir, coders[1])
	if err != nil {
		return nil, UpdateResult{}, err
	}
	res, err := c.Update(a, b, docs, opt)
	if err != nil {
		return nil, UpdateResult{}, err
	}
	return c, res, nil
}
