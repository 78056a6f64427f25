package report

import "fmt"

// Piece is one study text the report writes, with where it comes from, in
// the form the personal-data guard checks: an answer or a stretch of one
// (Doc is the answer's id, Hash its content hash, Offset where the text
// starts in it, in code points), or free text from the manifest or the
// codebook (Doc names where it lives, e.g. "codebook:toolkit#definition";
// Hash is empty).
type Piece struct {
	Doc    string
	Hash   string
	Offset int
	Text   string
}

// Text is a study text in the report. The report holds each one once, by
// pointer, wherever it is shown, so that replacing it (redaction) changes
// every place it appears.
type Text struct{ p Piece }

func (t *Text) String() string {
	if t == nil {
		return ""
	}
	return t.p.Text
}

// texts registers the study texts of a report in the order they are made.
type texts struct {
	all []*Text
	// free dedupes free text by where it lives, so a theme's name made
	// twice is one piece.
	free map[string]*Text
}

// plain is a study text the guard does not judge: pseudonyms (the forms'
// id column, pseudonymous by design) and column names.
func plain(s string) *Text { return &Text{Piece{Text: s}} }

// freeText is text from the manifest or the codebook, named by where it
// lives (the place names of package export, so that a decision recorded
// on a text applies to every export of it).
func (ts *texts) freeText(where, s string) *Text {
	if t, ok := ts.free[where]; ok {
		return t
	}
	if ts.free == nil {
		ts.free = map[string]*Text{}
	}
	t := &Text{Piece{Doc: where, Text: s}}
	ts.free[where] = t
	ts.all = append(ts.all, t)
	return t
}

// quote is a stretch of an answer as written (possibly cut short).
func (ts *texts) quote(q Quote, text string) *Text {
	t := &Text{Piece{Doc: q.Doc, Hash: q.Hash, Offset: q.Start, Text: text}}
	ts.all = append(ts.all, t)
	return t
}

// Pieces lists every study text the report will write, exactly as it will
// be written, each once.
func (r *Report) Pieces() []Piece {
	out := make([]Piece, len(r.texts.all))
	for i, t := range r.texts.all {
		out[i] = t.p
	}
	return out
}

// SetTexts replaces the study texts with checked ones (redacted where the
// guard said so), one per piece in Pieces' order.
func (r *Report) SetTexts(written []string) error {
	if len(written) != len(r.texts.all) {
		return fmt.Errorf("%d checked texts for %d pieces: they must match one for one", len(written), len(r.texts.all))
	}
	for i, t := range r.texts.all {
		t.p.Text = written[i]
	}
	return nil
}
