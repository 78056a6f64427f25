package privacy

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match is one span of personal data in a text: code point offsets, start
// inclusive, end exclusive, with the kind and the rule that fired.
type Match struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Kind  Kind   `json:"kind"`
	Rule  string `json:"rule"`
}

// Detector finds personal data in texts. It holds the shipped list of given
// names and the names a study adds; it is not changed after NewDetector, so
// one Detector may be used from many goroutines.
type Detector struct {
	words wordLists
	// extra maps each lower-case word of the caller's names to whether it
	// must be capitalised in the text to count (it is also a common word).
	extra map[string]bool
}

// NewDetector returns a detector that also finds the given names: the
// study's identifiers (staff names, say) and the values of its identifying
// columns. Each name is split into words and every word counts on its own,
// so "Sarah Whitfield" also finds "Whitfield"; adjacent words join into one
// finding. Case is ignored, except that a word which is also a common
// English word ("Will", "Hope") counts only when capitalised. Placeholders
// such as "n/a" and one-letter words are ignored.
func NewDetector(names []string) *Detector {
	d := &Detector{words: newWordLists()}
	for _, n := range names {
		d.addName(n)
	}
	return d
}

func (d *Detector) addName(name string) {
	if isPlaceholder(name) {
		return
	}
	words := strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !isJoiner(r)
	})
	for _, w := range words {
		w = strings.Trim(w, "'’-")
		lw := strings.ToLower(w)
		if utf8.RuneCountInString(w) < 2 || d.words.honorific[titleCase(lw)] || d.words.function[lw] {
			continue
		}
		if d.extra == nil {
			d.extra = map[string]bool{}
		}
		// A word that is also a common word must be capitalised to count.
		d.extra[lw] = d.extra[lw] || d.words.common[lw]
	}
}

// match is a finding during detection, in byte offsets.
type match struct {
	start, end int
	kind       Kind
	rule       string
}

// Detect returns the personal data found in text, sorted by start, no two
// overlapping: where two rules' spans overlap, the kind listed first by
// Kinds wins, and spans of one kind are joined.
func (d *Detector) Detect(text string) []Match {
	ms, _ := d.detect(text, nil)
	return ms
}

// detect is Detect with a token buffer to reuse, returned for the next
// call.
func (d *Detector) detect(text string, buf []token) ([]Match, []token) {
	if text == "" {
		return nil, buf
	}
	s := scan{d: d, text: text, toks: tokenize(text, buf[:0])}
	s.emails()
	s.tokens()
	s.datesNearCues()
	return toCodePoints(text, resolve(s.found)), s.toks
}

// scan holds the state of one Detect call.
type scan struct {
	d     *Detector
	text  string
	toks  []token
	found []match
	dates []dateCandidate
	cues  []int // token indexes of birth cues
}

func (s *scan) add(start, end int, k Kind, rule string) {
	s.found = append(s.found, match{start, end, k, rule})
}

// tokens runs the detectors that start at a token.
func (s *scan) tokens() {
	numbersUntil := 0 // a phone or NHS number already covers the bytes before this
	for i := range s.toks {
		t := s.toks[i]
		c := s.text[t.start]
		switch {
		case isDigit(c):
			if t.start >= numbersUntil {
				if end := s.numbers(i); end > 0 {
					numbersUntil = end
				}
			}
			s.dateAt(i)
		case c < utf8.RuneSelf && isLetter(c):
			if t.hasDigit || t.end-t.start == 3 && strings.EqualFold(s.text[t.start:t.end], "GIR") {
				s.postcode(i)
			}
			s.dateAt(i)
			s.names(i)
		default:
			s.names(i)
		}
	}
}

// numbers tries an NHS number, then a phone number, at token i, and
// returns the end of what it found or 0.
func (s *scan) numbers(i int) int {
	start := s.toks[i].start
	if end, ok := nhsNumberAt(s.text, start); ok {
		s.add(start, end, KindNHSNumber, RuleNHSNumber)
		return end
	}
	// The number may start just before the token: "+44 …", "(01632) …".
	if p := start - 1; p >= 0 && (s.text[p] == '+' || s.text[p] == '(') {
		if end, ok := phoneAt(s.text, p); ok {
			s.add(p, end, KindPhone, RulePhone)
			return end
		}
	}
	if end, ok := phoneAt(s.text, start); ok {
		s.add(start, end, KindPhone, RulePhone)
		return end
	}
	return 0
}

// resolve sorts ms and removes overlaps: of two overlapping matches of
// different kinds the one of higher priority stays; two of the same kind
// join into one span with the rule of the longer.
func resolve(ms []match) []match {
	if len(ms) < 2 {
		return ms
	}
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].start != ms[j].start {
			return ms[i].start < ms[j].start
		}
		return ms[i].end > ms[j].end
	})
	out := ms[:0:0]
	for _, m := range ms {
		n := len(out)
		if n == 0 || m.start >= out[n-1].end {
			out = append(out, m)
			continue
		}
		last := &out[n-1]
		switch {
		case m.kind == last.kind:
			if m.end-m.start > last.end-last.start {
				last.rule = m.rule
			}
			last.end = max(last.end, m.end)
		case m.kind.priority() < last.kind.priority():
			// The new match wins; it may also overlap matches before last,
			// which all started earlier and ended after m.start only if they
			// are last (out has no overlaps), so replacing last suffices.
			*last = m
		}
	}
	return out
}

// toCodePoints converts byte offsets into code point offsets in one pass
// over text; ms is sorted and without overlaps.
func toCodePoints(text string, ms []match) []Match {
	if len(ms) == 0 {
		return nil
	}
	out := make([]Match, len(ms))
	pos, cp := 0, 0
	at := func(b int) int {
		cp += utf8.RuneCountInString(text[pos:b])
		pos = b
		return cp
	}
	for i, m := range ms {
		out[i] = Match{Start: at(m.start), End: at(m.end), Kind: m.kind, Rule: m.rule}
	}
	return out
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isUpper(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

// titleCase upper-cases the first letter of a lower-case word.
func titleCase(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	if r == utf8.RuneError {
		return w
	}
	return string(unicode.ToUpper(r)) + w[n:]
}

func isPlaceholder(name string) bool {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", "-", "?", "n/a", "na", "none", "nil", "null", "anon", "anonymous", "unknown", "prefer not to say", "not given":
		return true
	}
	return false
}
