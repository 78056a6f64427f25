package triangulate

import (
	"math/rand/v2"
	"testing"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// TestCharactersCountFromSpans checks the four counts made from the spans
// against a walk over every code point, on random spans (overlapping, out
// of range, empty) over a text with multi-byte characters.
func TestCharactersCountFromSpans(t *testing.T) {
	doc := corpus.Document{ID: "P01/a", Text: "Café 🙂 group felt safe, and the nurse listened."}
	n := len([]rune(doc.Text))
	r := rand.New(rand.NewPCG(1, 2))
	spans := func() []Span {
		var out []Span
		for range r.IntN(4) {
			s := r.IntN(n+6) - 3
			out = append(out, Span{Start: s, End: s + r.IntN(20)})
		}
		return out
	}
	for range 2000 {
		a, b := spans(), spans()
		in := func(ss []Span, i int) bool {
			for _, s := range ss {
				if i >= s.Start && i < s.End {
					return true
				}
			}
			return false
		}
		var want [4]int
		for i := 0; i < n; i++ {
			switch x, y := in(a, i), in(b, i); {
			case x && y:
				want[0]++
			case x:
				want[1]++
			case y:
				want[2]++
			default:
				want[3]++
			}
		}
		c := characters(doc, "code", a, b, nil)
		if got := [4]int{c.Both, c.OnlyA, c.OnlyB, c.Neither}; got != want || c.Length != n {
			t.Fatalf("spans %v and %v: counts %v, want %v", a, b, got, want)
		}
	}
}
