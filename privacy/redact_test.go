package privacy

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	text := "Call 07700 900123 now"
	got, m := Redact(text, []Match{{Start: 5, End: 17, Kind: KindPhone}})
	if got != "Call [phone] now" {
		t.Fatalf("got %q", got)
	}
	// "[phone]" is seven code points in place of twelve: offsets after it
	// move back by five.
	for _, c := range []struct{ p, start, end int }{
		{0, 0, 0},
		{5, 5, 5},    // the number's start: before the marker
		{8, 5, 12},   // inside: a start goes to the marker's start, an end to its end
		{17, 12, 12}, // the number's end: after the marker
		{18, 13, 13},
		{21, 16, 16},
	} {
		if s, e := m.Start(c.p), m.End(c.p); s != c.start || e != c.end {
			t.Errorf("offset %d: start %d end %d, want %d %d", c.p, s, e, c.start, c.end)
		}
	}
	r := []rune(got)
	if s, e := m.Span(18, 21); string(r[s:e]) != "now" {
		t.Errorf("span after: %q", string(r[s:e]))
	}
	if s, e := m.Span(0, 8); string(r[s:e]) != "Call [phone]" {
		t.Errorf("span into the number: %q", string(r[s:e]))
	}
}

func TestRedactMarkersAndOverlaps(t *testing.T) {
	// Every kind's marker, after non-ASCII text.
	text := "é 943 476 5919 and Dr Kowalczyk 😊 jo@x.org LS6 1AB 1/2/1960"
	ms := NewDetector(nil).Detect(text)
	got, _ := Redact(text, ms)
	want := "é [NHS number] and [name] 😊 [email] [postcode] [date]"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
	// Overlapping spans make one marker, of the kind listed first in Kinds;
	// spans outside the text are cut to it; empty ones are dropped.
	got, m := Redact("abcdefghij", []Match{
		{Start: 6, End: 9, Kind: KindName}, {Start: 2, End: 5, Kind: KindName}, {Start: 4, End: 7, Kind: KindPhone},
		{Start: 8, End: 40, Kind: KindDate}, {Start: 1, End: 1, Kind: KindEmail}, {Start: -3, End: 1, Kind: ""},
	})
	if got != "[redacted]b[phone]" {
		t.Errorf("got %q", got)
	}
	if s, e := m.Span(1, 2); got[s:e] != "b" {
		t.Errorf("got %q", got[s:e])
	}
	if same, m := Redact("x", nil); same != "x" || m.Changed() || m.Start(1) != 1 {
		t.Error("no spans changed something")
	}
}

// TestOffsetMapSlices checks, on random texts and spans, that every mapped
// span slices the redacted text, and that a span touching no replaced part
// shows the same text as before.
func TestOffsetMapSlices(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := []rune("ab é😊")
	for range 2000 {
		n := r.IntN(30)
		runes := make([]rune, n)
		for i := range runes {
			runes[i] = alphabet[r.IntN(len(alphabet))]
		}
		var spans []Match
		for range r.IntN(4) {
			s := r.IntN(n + 1)
			spans = append(spans, Match{Start: s, End: s + r.IntN(n+1-s), Kind: Kinds()[r.IntN(6)]})
		}
		text := string(runes)
		red, m := Redact(text, spans)
		rr := []rune(red)
		for s := 0; s <= n; s++ {
			for e := s; e <= n; e++ {
				ms, me := m.Span(s, e)
				if ms < 0 || ms > me || me > len(rr) {
					t.Fatalf("%q %v: span %d-%d maps to %d-%d in %q", text, spans, s, e, ms, me, red)
				}
				touched := false
				for _, sp := range spans {
					if sp.Start < sp.End && sp.Start < e && sp.End > s {
						touched = true
					}
				}
				if !touched && string(rr[ms:me]) != string(runes[s:e]) {
					t.Fatalf("%q %v: span %d-%d shows %q, want %q", text, spans, s, e, string(rr[ms:me]), string(runes[s:e]))
				}
			}
		}
		if strings.Count(red, "[") < 1 && len(spans) > 0 && m.Changed() {
			t.Fatalf("changed without a marker: %q", red)
		}
	}
}
