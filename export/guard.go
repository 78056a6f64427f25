package export

import (
	"errors"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Guard is the personal-data guard an export runs.
type Guard struct {
	Guard *privacy.Guard
	// Redact replaces undecided findings by their markers instead of
	// stopping the export.
	Redact bool
}

// BlockedError stops an export: findings without a decision (or with a
// stale one) lie in what it would write. Nothing has been written.
type BlockedError struct {
	Findings []privacy.Finding
}

func (e *BlockedError) Error() string {
	n := len(e.Findings)
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("the export would write %d finding%s of personal data that no one has decided about; nothing was written", n, s)
}

// Report says what the guard did to an export that went ahead.
type Report struct {
	// Redacted findings were replaced by markers; Allowed ones were
	// written as they are.
	Redacted []privacy.Finding
	Allowed  []privacy.Finding
	// Warnings are about the export's content (e.g. selections that tools
	// counting UTF-16 units will shift).
	Warnings []string
}

// guardSet collects the texts an export will write, runs the guard over
// them at once, and writes the guarded texts back where they came from.
type guardSet struct {
	g       *privacy.Guard
	pieces  []privacy.Piece
	targets []*string
	spans   []spanRef
	docs    map[string]*corpus.Document
	// after write map values back once the texts are guarded.
	after []func()
	// clean caches, per free text, whether the detector finds nothing in
	// it: most attribute values repeat, and need one look.
	clean map[string]bool
}

// spanRef is a span written beside a quote: offsets into answer doc that
// follow the answer's redactions.
type spanRef struct {
	doc        string
	start, end *int
}

func newGuardSet(g Guard) (*guardSet, error) {
	if g.Guard == nil || g.Guard.Detector == nil {
		return nil, errors.New("export: no personal-data guard given")
	}
	return &guardSet{g: g.Guard, docs: map[string]*corpus.Document{}, clean: map[string]bool{}}, nil
}

// grow makes room for n more texts.
func (s *guardSet) grow(n int) {
	s.pieces = slices.Grow(s.pieces, n)
	s.targets = slices.Grow(s.targets, n)
}

// growSpans makes room for n more spans.
func (s *guardSet) growSpans(n int) { s.spans = slices.Grow(s.spans, n) }

// answer adds text, which starts at code point offset off of doc's text
// (0 and the whole text for an answer, a segment's start for a quote).
func (s *guardSet) answer(doc *corpus.Document, off int, text *string) {
	s.docs[doc.ID] = doc
	s.pieces = append(s.pieces, privacy.Piece{Doc: doc.ID, Hash: doc.Hash, Offset: off, Text: *text})
	s.targets = append(s.targets, text)
}

// free adds free text living at place (see the Place functions).
func (s *guardSet) free(place string, text *string) {
	if *text == "" {
		return
	}
	clean, seen := s.clean[*text]
	if !seen {
		clean = len(s.g.Detector.Detect(*text)) == 0
		s.clean[*text] = clean
	}
	if clean {
		return
	}
	s.pieces = append(s.pieces, privacy.Piece{Doc: place, Text: *text})
	s.targets = append(s.targets, text)
}

// freeValue adds the free text m[key], living at place.
func (s *guardSet) freeValue(place string, m map[string]string, key string) {
	v := m[key]
	n := len(s.targets)
	s.free(place, &v)
	if len(s.targets) > n {
		s.after = append(s.after, func() { m[key] = v })
	}
}

// span adds a span of doc to be mapped through doc's redactions.
func (s *guardSet) span(doc *corpus.Document, start, end *int) {
	s.docs[doc.ID] = doc
	s.spans = append(s.spans, spanRef{doc: doc.ID, start: start, end: end})
}

// run checks every text. When the guard blocks, nothing is changed and the
// error is a *BlockedError; else each text is replaced by what may be
// written and each span is mapped.
func (s *guardSet) run(redact bool) (*Report, error) {
	docs := make([]privacy.Document, 0, len(s.docs))
	for _, d := range s.docs {
		docs = append(docs, privacy.Document{ID: d.ID, Text: d.Text, Hash: d.Hash})
	}
	g := *s.g
	g.Documents = docs
	out, err := checkParallel(g, s.pieces, redact)
	if err != nil {
		return nil, err
	}
	if !out.OK() {
		return nil, &BlockedError{Findings: out.Blocked}
	}
	for i, w := range out.Texts {
		*s.targets[i] = w.Text
	}
	for _, f := range s.after {
		f()
	}
	maps := s.answerMaps(out.Redacted)
	for _, sp := range s.spans {
		if m, ok := maps[sp.doc]; ok {
			*sp.start, *sp.end = m.Span(*sp.start, *sp.end)
		}
	}
	return &Report{Redacted: out.Redacted, Allowed: out.Allowed}, nil
}

// answerMaps gives, per answer with a redaction, the map of its offsets
// onto the answer with every redaction this export made in it: a quote
// written with its span then equals the redacted answer sliced there.
func (s *guardSet) answerMaps(redacted []privacy.Finding) map[string]privacy.OffsetMap {
	byDoc := map[string][]privacy.Match{}
	for _, f := range redacted {
		if _, ok := s.docs[f.Doc]; ok {
			byDoc[f.Doc] = append(byDoc[f.Doc], privacy.Match{Start: f.Start, End: f.End, Kind: f.Kind})
		}
	}
	out := make(map[string]privacy.OffsetMap, len(byDoc))
	for id, ms := range byDoc {
		_, m := privacy.Redact(s.docs[id].Text, ms)
		out[id] = m
	}
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// checkParallel runs the guard over pieces in as many parts as there are
// processors, each part holding whole documents (so that a finding is
// judged, and counted, in one part only), and joins the outcomes. Scanning
// 100,000 answers is most of an export's time.
func checkParallel(g privacy.Guard, pieces []privacy.Piece, redact bool) (*privacy.Outcome, error) {
	parts := runtime.GOMAXPROCS(0)
	if parts < 2 || len(pieces) < 10000 {
		return g.Check(pieces, redact)
	}
	// Order by document, remembering where each piece came from.
	order := make([]int, len(pieces))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return strings.Compare(pieces[a].Doc, pieces[b].Doc) })
	bounds := []int{0}
	for k := 1; k < parts; k++ {
		at := k * len(order) / parts
		for at < len(order) && at > bounds[len(bounds)-1] && pieces[order[at]].Doc == pieces[order[at-1]].Doc {
			at++
		}
		if at > bounds[len(bounds)-1] && at < len(order) {
			bounds = append(bounds, at)
		}
	}
	bounds = append(bounds, len(order))
	outs := make([]*privacy.Outcome, len(bounds)-1)
	errs := make([]error, len(bounds)-1)
	var wg sync.WaitGroup
	for p := range outs {
		part := make([]privacy.Piece, 0, bounds[p+1]-bounds[p])
		for _, i := range order[bounds[p]:bounds[p+1]] {
			part = append(part, pieces[i])
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[p], errs[p] = g.Check(part, redact)
		}()
	}
	wg.Wait()
	joined := &privacy.Outcome{Texts: make([]privacy.Written, len(pieces))}
	for p, o := range outs {
		if errs[p] != nil {
			return nil, errs[p]
		}
		joined.Blocked = append(joined.Blocked, o.Blocked...)
		joined.Redacted = append(joined.Redacted, o.Redacted...)
		joined.Allowed = append(joined.Allowed, o.Allowed...)
		for k, w := range o.Texts {
			joined.Texts[order[bounds[p]+k]] = w
		}
	}
	for _, l := range [][]privacy.Finding{joined.Blocked, joined.Redacted, joined.Allowed} {
		privacy.SortFindings(l)
	}
	if len(joined.Blocked) > 0 {
		joined.Texts = nil
	}
	return joined, nil
}
