package privacy

import (
	"sort"
	"unicode/utf8"
)

// Document is one text to scan: an answer (its id "<respondent>/<question>")
// with its content hash (hex SHA-256 of Text, as documents carry it; empty
// to have it computed).
type Document struct {
	ID   string
	Text string
	Hash string
}

// Status is where a finding stands.
type Status string

const (
	// Undecided: no decision yet; an export stops on it.
	Undecided Status = "none"
	// Redacted: decided redact; exports write the marker.
	Redacted Status = "redact"
	// Allowed: decided allow; exports write the text.
	Allowed Status = "allow"
	// Stale: decided on an earlier text of the answer, which has changed
	// since; asked again, as if undecided.
	Stale Status = "stale"
)

// Finding is personal data found in a document.
type Finding struct {
	ID   string `json:"id"`
	Doc  string `json:"doc"`
	Hash string `json:"-"` // the document's short content hash
	// Start and End are code point offsets in the document's text.
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  Kind   `json:"kind"`
	Rule  string `json:"rule"`
	// Text is what was found: for the researcher's eyes only. Never write
	// it to a shared file or a message meant for others.
	Text   string `json:"text"`
	Status Status `json:"decision"`
	// Decision is the decision that applies (Redacted, Allowed) or the one
	// made on an earlier text (Stale); nil when Undecided.
	Decision *Decision `json:"-"`
}

// Key returns what a decision on f is keyed to.
func (f Finding) Key() Key { return Key{f.Doc, f.Hash, f.Start, f.End, f.Kind} }

// Result is a scan's outcome.
type Result struct {
	// Findings in document order (as given), then by start.
	Findings []Finding
	// Stale holds the decisions that no finding matches any more: their
	// answer changed (or is gone), or the detector no longer finds that
	// span. They are kept in privacy.yaml until someone removes them
	// (Without).
	Stale []Decision
}

// Scan finds the personal data in every document and gives each finding
// its status under decisions. Findings of a document seen before in docs
// (the same id twice) are reported twice.
func (d *Detector) Scan(docs []Document, decisions []Decision) Result {
	var fs []Finding
	var buf []token
	for _, doc := range docs {
		var ms []Match
		if ms, buf = d.detect(doc.Text, buf); len(ms) > 0 {
			fs = append(fs, findings(doc, ms)...)
		}
	}
	return Resolve(fs, decisions)
}

// FindIn returns the findings in one document, undecided.
func (d *Detector) FindIn(doc Document) []Finding {
	return findings(doc, d.Detect(doc.Text))
}

// findings turns the matches in doc into findings.
func findings(doc Document, ms []Match) []Finding {
	if len(ms) == 0 {
		return nil
	}
	hash := doc.Hash
	if hash == "" {
		hash = HashText(doc.Text)
	}
	hash = ShortHash(hash)
	fs := make([]Finding, len(ms))
	idx := newRuneCursor(doc.Text)
	for i, m := range ms {
		f := Finding{Doc: doc.ID, Hash: hash, Start: m.Start, End: m.End, Kind: m.Kind, Rule: m.Rule, Status: Undecided}
		f.ID = f.Key().ID()
		f.Text = idx.slice(m.Start, m.End)
		fs[i] = f
	}
	return fs
}

// Resolve gives each finding its status under decisions and lists the
// decisions that match no finding. A finding is Stale when no decision has
// its key but one was made on the same document and kind under another
// content hash. findings is not changed.
func Resolve(findings []Finding, decisions []Decision) Result {
	byKey := make(map[Key]int, len(decisions))
	type docKind struct {
		doc  string
		kind Kind
	}
	earlier := map[docKind][]int{}
	for i, d := range decisions {
		byKey[d.Key()] = i
		dk := docKind{d.Doc, d.Kind}
		earlier[dk] = append(earlier[dk], i)
	}
	used := make([]bool, len(decisions))
	out := make([]Finding, len(findings))
	for i, f := range findings {
		f.Status, f.Decision = Undecided, nil
		if j, ok := byKey[f.Key()]; ok {
			used[j] = true
			d := decisions[j]
			f.Decision = &d
			f.Status = Redacted
			if d.Action == ActionAllow {
				f.Status = Allowed
			}
		} else {
			for _, j := range earlier[docKind{f.Doc, f.Kind}] {
				if decisions[j].Hash != f.Hash {
					d := decisions[j]
					f.Status, f.Decision = Stale, &d
					break
				}
			}
		}
		out[i] = f
	}
	var stale []Decision
	for j, d := range decisions {
		if !used[j] {
			stale = append(stale, d)
		}
	}
	SortDecisions(stale)
	return Result{Findings: out, Stale: stale}
}

// SortFindings orders findings by document id, then start.
func SortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		if fs[i].Doc != fs[j].Doc {
			return fs[i].Doc < fs[j].Doc
		}
		return fs[i].Start < fs[j].Start
	})
}

// runeCursor converts increasing code point offsets of one text into byte
// offsets, walking the text once.
type runeCursor struct {
	text       string
	ascii      bool
	byteAt, cp int
}

func newRuneCursor(text string) *runeCursor {
	return &runeCursor{text: text, ascii: isASCII(text)}
}

// bytePos returns the byte offset of code point p, clamped to the text. p
// may go back, at the cost of a walk from the start.
func (c *runeCursor) bytePos(p int) int {
	if p <= 0 {
		return 0
	}
	if c.ascii {
		return min(p, len(c.text))
	}
	if p < c.cp {
		c.byteAt, c.cp = 0, 0
	}
	for c.cp < p && c.byteAt < len(c.text) {
		_, n := utf8.DecodeRuneInString(c.text[c.byteAt:])
		c.byteAt += n
		c.cp++
	}
	return c.byteAt
}

func (c *runeCursor) slice(start, end int) string {
	s := c.bytePos(start)
	return c.text[s:c.bytePos(end)]
}

// runeLen is the text's length in code points.
func runeLen(s string) int { return utf8.RuneCountInString(s) }
