package codeops

import (
	"strings"
	"testing"
)

// span finds the code point span of the first occurrence of sub in text.
func span(t *testing.T, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, text)
	}
	start := len([]rune(text[:i]))
	return start, start + len([]rune(sub))
}

func TestSentenceBounds(t *testing.T) {
	tests := []struct {
		name, text, match, want string
	}{
		{"middle sentence", "First one. The group helped me. Last one.", "group", "The group helped me."},
		{"first sentence", "The group helped me. Then more.", "helped", "The group helped me."},
		{"last sentence without stop", "Fine. it was good", "good", "it was good"},
		{"question and exclamation", "Really?! Yes, the breathing works! Try it.", "breathing", "Yes, the breathing works!"},
		{"question mark", "Why not? I liked the group. Yes.", "liked", "I liked the group."},
		{"line break ends a sentence", "no stops here\nthe group was kind\nand more", "kind", "the group was kind"},
		{"paragraph break", "One thing.\n\nThe letter writing helped", "letter", "The letter writing helped"},
		{"closing quote after stop", `She said "it helps." Then we left.`, "helps", `She said "it helps."`},
		{"closing bracket after stop", "Try this (it works.) Next one.", "works", "Try this (it works.)"},
		{"decimal point is no end", "I lost 3.5 kg of worry. Next.", "kg", "I lost 3.5 kg of worry."},
		{"accents", "Très bien. Le café était génial. Fin.", "café", "Le café était génial."},
		{"emoji inside", "It went both ways 😊 and felt good. Next.", "felt", "It went both ways 😊 and felt good."},
		{"emoji before", "Good 😊. The café helped é. End", "helped", "The café helped é."},
		{"curly apostrophe", "I’ve learnt a lot. It’s good.", "learnt", "I’ve learnt a lot."},
		{"match spans two sentences", "One. Two three. Four five. Six.", "three. Four", "Two three. Four five."},
		{"whole text one sentence", "ok", "ok", "ok"},
		// Known limit: an abbreviation's full stop ends the sentence.
		{"abbreviation (known limit)", "I saw Dr. Smith today. Fine.", "Smith", "Smith today."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start, end := span(t, tt.text, tt.match)
			ws, we := span(t, tt.text, tt.want)
			s, e := SentenceBounds([]rune(tt.text), start, end)
			if s != ws || e != we {
				r := []rune(tt.text)
				t.Errorf("SentenceBounds(%d, %d) = %d, %d (%q); want %d, %d (%q)", start, end, s, e, string(r[s:e]), ws, we, tt.want)
			}
		})
	}
}

func TestSentenceBoundsEdges(t *testing.T) {
	text := []rune("Ab. Cd.")
	tests := []struct{ start, end, ws, we int }{
		{0, 0, 0, 3},   // empty span at the start: its sentence
		{3, 4, 3, 7},   // a span starting in the space keeps its start
		{-2, 99, 0, 7}, // clamped to the text
		{7, 7, 7, 7},   // empty span at the very end
	}
	for _, tt := range tests {
		s, e := SentenceBounds(text, tt.start, tt.end)
		if s != tt.ws || e != tt.we {
			t.Errorf("SentenceBounds(%d, %d) = %d, %d; want %d, %d", tt.start, tt.end, s, e, tt.ws, tt.we)
		}
	}
}

func FuzzSentenceBounds(f *testing.F) {
	f.Add("One. Two three! Four?\nFive 😊 six.", 5, 9)
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		r := []rune(text)
		s, e := SentenceBounds(r, start, end)
		if s < 0 || e > len(r) || s > e {
			t.Fatalf("bad bounds %d, %d for len %d", s, e, len(r))
		}
		cs, ce := max(0, min(start, len(r))), max(0, min(end, len(r)))
		if cs > ce {
			cs = ce
		}
		if s > cs || e < ce {
			t.Fatalf("bounds %d, %d do not hold the span %d, %d", s, e, cs, ce)
		}
	})
}
