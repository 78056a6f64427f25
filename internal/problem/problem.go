// Package problem is the one positioned-problem type of mixeval: what is
// wrong, in which file, and where (line and column of a text file, or row
// and column of a spreadsheet). Every reader of a user file reports its
// problems as a List, all at once, so that a user can fix a file in one
// pass; front ends count and format them without parsing text.
//
//	var l problem.List
//	l.Add(&problem.Problem{File: "scores/items.csv", Row: 4, Field: "D (scs_2)", Msg: "7 is outside 1-5"})
//	return l.Err()
package problem

import (
	"errors"
	"fmt"
	"strings"
)

// Problem is one thing wrong at one place.
type Problem struct {
	File string `json:"file"`
	// Line and Column locate the problem in a text file (YAML, a CSV line),
	// counted from 1; 0 when unknown or not a text position.
	Line   int `json:"line,omitempty"`
	Column int `json:"column,omitempty"`
	// Row is the row a spreadsheet shows (the header is row 1); 0 when the
	// problem is not a row's.
	Row int `json:"row,omitempty"`
	// Field names the spreadsheet column or key, e.g. "D (scs_2)" or
	// "coders"; empty when the problem is a whole row's or file's.
	Field string `json:"field,omitempty"`
	Msg   string `json:"message"`
}

// Error reads "file:line:col: msg", "file: row 4, column D (scs_2): msg" or
// "file: msg", as compilers and spreadsheets name places.
func (p *Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	switch {
	case p.Line > 0 && p.Column > 0:
		fmt.Fprintf(&b, ":%d:%d", p.Line, p.Column)
	case p.Line > 0:
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	switch {
	case p.Row > 0 && p.Field != "":
		fmt.Fprintf(&b, "row %d, column %s: ", p.Row, p.Field)
	case p.Row > 0:
		fmt.Fprintf(&b, "row %d: ", p.Row)
	case p.Field != "":
		fmt.Fprintf(&b, "column %s: ", p.Field)
	}
	b.WriteString(p.Msg)
	return b.String()
}

// Errorf makes a Problem in file with a formatted message.
func Errorf(file, format string, args ...any) *Problem {
	return &Problem{File: file, Msg: fmt.Sprintf(format, args...)}
}

// List is every problem found in one pass. A zero List is ready to use.
// Max, when set, caps the problems kept: a file wrong on each of a million
// rows needs its first problems, not a million lines, and More counts the
// rest.
type List struct {
	Items []*Problem
	More  int
	Max   int
}

// Add appends p, or counts it in More once the list is full.
func (l *List) Add(p *Problem) {
	if l.Max > 0 && len(l.Items) >= l.Max {
		l.More++
		return
	}
	l.Items = append(l.Items, p)
}

// Addf adds a problem in file with a formatted message.
func (l *List) Addf(file, format string, args ...any) { l.Add(Errorf(file, format, args...)) }

// Append adds every problem of other (and its More).
func (l *List) Append(other *List) {
	if other == nil {
		return
	}
	for _, p := range other.Items {
		l.Add(p)
	}
	l.More += other.More
}

// Len is the number of problems found, listed or not.
func (l *List) Len() int {
	if l == nil {
		return 0
	}
	return len(l.Items) + l.More
}

// Err returns nil when the list is empty, else the list as an error.
func (l *List) Err() error {
	if l.Len() == 0 {
		return nil
	}
	return l
}

// Error has one problem per line, then a line counting those not listed.
func (l *List) Error() string {
	lines := make([]string, 0, len(l.Items)+1)
	for _, p := range l.Items {
		lines = append(lines, p.Error())
	}
	if l.More > 0 {
		lines = append(lines, fmt.Sprintf("and %d more problem%s of the same kinds (only the first %d are listed)", l.More, plural(l.More), len(l.Items)))
	}
	return strings.Join(lines, "\n")
}

// Of returns the problems err holds: a List's items, a single Problem, or
// nil when err is neither.
func Of(err error) *List {
	var l *List
	if errors.As(err, &l) {
		return l
	}
	var p *Problem
	if errors.As(err, &p) {
		return &List{Items: []*Problem{p}}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
