package triangulate

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Span is a stretch of a document's text in Unicode code points, start
// inclusive, end exclusive (DESIGN.md §4).
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

func (s Span) String() string { return strconv.Itoa(s.Start) + "-" + strconv.Itoa(s.End) }

// Len is the number of code points in the span.
func (s Span) Len() int { return s.End - s.Start }

// ParseSpan reads "START-END", as String writes it.
func ParseSpan(text string) (Span, error) {
	a, b, ok := strings.Cut(strings.TrimSpace(text), "-")
	if !ok {
		return Span{}, fmt.Errorf("span %q is not START-END, e.g. 10-24", text)
	}
	s, err1 := strconv.Atoi(strings.TrimSpace(a))
	e, err2 := strconv.Atoi(strings.TrimSpace(b))
	if err1 != nil || err2 != nil || s < 0 || e <= s {
		return Span{}, fmt.Errorf("span %q is not START-END with 0 <= START < END, e.g. 10-24", text)
	}
	return Span{s, e}, nil
}

func intersection(a, b Span) int {
	lo, hi := max(a.Start, b.Start), min(a.End, b.End)
	if hi <= lo {
		return 0
	}
	return hi - lo
}

// Matches reports whether two spans agree under the overlap rule: their
// intersection is at least pct percent of their union. Integer arithmetic
// keeps the boundary exact: 9 code points shared out of a union of 10 is
// exactly 90%.
func Matches(a, b Span, pct float64) bool {
	in := intersection(a, b)
	if in == 0 {
		return false
	}
	union := a.Len() + b.Len() - in
	return float64(in)*100 >= pct*float64(union)
}

// Group is a set of segments with one code in one document, from every
// coder, that overlap one another in a chain; its spans cover one
// contiguous stretch of text. A and B hold the first and second coder's
// spans, sorted.
type Group struct {
	Document string
	Code     string
	A, B     []Span
	// Agreed is true when both coders have spans here and every span has a
	// span of the other coder matching it under the overlap rule.
	Agreed bool
}

// Union is the stretch the group covers, from its first start to its last
// end (contiguous because the spans overlap in a chain).
func (g Group) Union() Span {
	u := Span{Start: -1}
	for _, s := range append(slices.Clone(g.A), g.B...) {
		if u.Start < 0 || s.Start < u.Start {
			u.Start = s.Start
		}
		if s.End > u.End {
			u.End = s.End
		}
	}
	return u
}

// Groups splits one document's segments with one code, from two coders,
// into groups of overlapping spans, in text order, and marks each agreed or
// not under the overlap rule (pct percent of the union).
func Groups(doc, code string, a, b []Span, pct float64) []Group {
	type tagged struct {
		s     Span
		coder int
	}
	all := make([]tagged, 0, len(a)+len(b))
	for _, s := range a {
		all = append(all, tagged{s, 0})
	}
	for _, s := range b {
		all = append(all, tagged{s, 1})
	}
	slices.SortFunc(all, func(x, y tagged) int {
		if x.s.Start != y.s.Start {
			return x.s.Start - y.s.Start
		}
		if x.s.End != y.s.End {
			return x.s.End - y.s.End
		}
		return x.coder - y.coder
	})
	var out []Group
	end := -1
	for _, t := range all {
		if len(out) == 0 || t.s.Start >= end {
			out = append(out, Group{Document: doc, Code: code})
			end = t.s.End
		}
		g := &out[len(out)-1]
		if t.coder == 0 {
			g.A = append(g.A, t.s)
		} else {
			g.B = append(g.B, t.s)
		}
		end = max(end, t.s.End)
	}
	for i := range out {
		out[i].Agreed = agreed(out[i].A, out[i].B, pct)
	}
	return out
}

func agreed(a, b []Span, pct float64) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return allMatched(a, b, pct) && allMatched(b, a, pct)
}

func allMatched(xs, ys []Span, pct float64) bool {
	for _, x := range xs {
		if !anyMatch(x, ys, pct) {
			return false
		}
	}
	return true
}

func anyMatch(x Span, ys []Span, pct float64) bool {
	for _, y := range ys {
		if Matches(x, y, pct) {
			return true
		}
	}
	return false
}
