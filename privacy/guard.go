package privacy

import (
	"fmt"
	"strings"
)

// Piece is one text an export writes: a whole answer, a quote from one, or
// free text that belongs to no answer (a memo, a code's definition, a
// theme's name).
type Piece struct {
	// Doc is the id of the answer the text comes from. For free text it is
	// a stable name of where the text lives, chosen by the exporter (e.g.
	// "codebook:safeness#definition", "memo:alice:P03/helped@12"), so that
	// a decision can be recorded on it like on an answer.
	Doc string
	// Hash is the answer's content hash (full or short). Empty for free
	// text: the text is then a document of its own, and the guard hashes
	// it, so a decision on it goes stale when the text is edited.
	Hash string
	// Offset is where Text starts in the answer, in code points: 0 for a
	// whole answer, the segment's start for a quote; -1 when not known, and
	// the guard then looks Text up in the answer (Guard.Documents).
	// Ignored for free text.
	Offset int
	Text   string
}

// Guard decides what may be written when an export writes a set of
// pieces. Every exporter calls Check with exactly the texts it will write.
type Guard struct {
	// Detector finds the personal data; nil means one without study names.
	Detector  *Detector
	Decisions []Decision
	// Documents are the study's answers. When a piece's answer is among
	// them, with the same content hash, the piece is judged within the
	// whole answer: a quote carries the findings and decisions made on the
	// answer even where the quote alone would not show them ("my husband
	// Dave" quoted as "Dave came"). Optional, but exporters of quotes
	// should give them.
	Documents []Document
}

// Outcome is what Check decided.
type Outcome struct {
	// Texts holds what to write for each piece, in the order given, with
	// the redactions made; each with the map of the piece's offsets onto
	// its written text. Nil when anything is Blocked: nothing may be
	// written then, not even in part.
	Texts []Written
	// Blocked are the findings without a decision (or with a stale one)
	// when undecided findings are not to be redacted: the export stops and
	// lists them (id, document, span, kind; never their text).
	Blocked []Finding
	// Redacted are the findings replaced by markers: decided redact, or
	// undecided when Check was asked to redact those.
	Redacted []Finding
	// Allowed are the findings decided allow, written as they are.
	Allowed []Finding
}

// Written is one piece as it may be written.
type Written struct {
	Text string
	// Map maps code point offsets of the piece's text onto Text: an
	// exporter that writes spans (REFI-QDA selections, quote positions)
	// writes the mapped ones, which slice Text.
	Map OffsetMap
}

// OK reports whether the export may go ahead.
func (o *Outcome) OK() bool { return len(o.Blocked) == 0 }

// Check runs the guard over pieces. Decided redact findings are always
// replaced and allowed ones always pass; undecided and stale findings are
// replaced when redactUndecided is set, else they block the export. The
// error reports a piece the guard cannot place (no Doc, an offset outside
// its answer or one where the answer holds other text): a mistake of the
// exporter, not of the data.
func (g Guard) Check(pieces []Piece, redactUndecided bool) (*Outcome, error) {
	if g.Detector == nil {
		g.Detector = NewDetector(nil)
	}
	docs := make(map[string]Document, len(g.Documents))
	for _, d := range g.Documents {
		docs[d.ID] = d
	}
	cache := map[string][]Finding{}
	out := &Outcome{Texts: make([]Written, len(pieces))}
	seen := map[string]bool{}
	for i, p := range pieces {
		fs, offset, err := g.findings(p, docs, cache)
		if err != nil {
			return nil, fmt.Errorf("piece %d: %w", i+1, err)
		}
		n := runeLen(p.Text)
		var spans []Match
		for _, f := range Resolve(fs, g.Decisions).Findings {
			redact := f.Status == Redacted || f.Status != Allowed && redactUndecided
			if !seen[f.ID] {
				seen[f.ID] = true
				switch {
				case f.Status == Allowed:
					out.Allowed = append(out.Allowed, f)
				case redact:
					out.Redacted = append(out.Redacted, f)
				default:
					out.Blocked = append(out.Blocked, f)
				}
			}
			if redact {
				spans = append(spans, Match{Start: max(f.Start-offset, 0), End: min(f.End-offset, n), Kind: f.Kind})
			}
		}
		text, m := Redact(p.Text, spans)
		out.Texts[i] = Written{Text: text, Map: m}
	}
	for _, l := range [][]Finding{out.Blocked, out.Redacted, out.Allowed} {
		SortFindings(l)
	}
	if len(out.Blocked) > 0 {
		out.Texts = nil
	}
	return out, nil
}

// findings returns the undecided findings that touch piece p, in the
// coordinates of its document, and where p starts there.
func (g Guard) findings(p Piece, docs map[string]Document, cache map[string][]Finding) ([]Finding, int, error) {
	if p.Doc == "" {
		return nil, 0, fmt.Errorf("a piece needs a Doc: the answer's id, or for free text a name of where it lives")
	}
	if p.Hash == "" {
		return g.Detector.FindIn(Document{ID: p.Doc, Text: p.Text}), 0, nil
	}
	hash := ShortHash(p.Hash)
	doc, ok := docs[p.Doc]
	if ok && docHash(doc) == hash {
		off, err := place(p, doc)
		if err != nil {
			return nil, 0, err
		}
		all, done := cache[doc.ID]
		if !done {
			all = g.Detector.FindIn(doc)
			cache[doc.ID] = all
		}
		end := off + runeLen(p.Text)
		var fs []Finding
		for _, f := range all {
			if f.Start < end && f.End > off {
				fs = append(fs, f)
			}
		}
		return fs, off, nil
	}
	if p.Offset < 0 {
		return nil, 0, fmt.Errorf("%s: the quote's offset is not known and its answer (with hash %s) was not given to the guard", p.Doc, hash)
	}
	// The answer is not at hand: judge the piece alone, in the answer's
	// coordinates.
	fs := g.Detector.FindIn(Document{ID: p.Doc, Text: p.Text, Hash: hash})
	for i := range fs {
		fs[i].Start += p.Offset
		fs[i].End += p.Offset
		fs[i].ID = fs[i].Key().ID()
	}
	return fs, p.Offset, nil
}

// place returns where p's text starts in doc, checking that it is there.
func place(p Piece, doc Document) (int, error) {
	idx := newRuneCursor(doc.Text)
	if p.Offset < 0 {
		b := strings.Index(doc.Text, p.Text)
		if b < 0 {
			return 0, fmt.Errorf("%s: the quote is not in the answer; give its offset", p.Doc)
		}
		return runeLen(doc.Text[:b]), nil
	}
	end := p.Offset + runeLen(p.Text)
	if end > runeLen(doc.Text) || idx.slice(p.Offset, end) != p.Text {
		return 0, fmt.Errorf("%s: the text at offset %d of the answer is not the piece's text", p.Doc, p.Offset)
	}
	return p.Offset, nil
}

func docHash(d Document) string {
	if d.Hash == "" {
		return ShortHash(HashText(d.Text))
	}
	return ShortHash(d.Hash)
}
