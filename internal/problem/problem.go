// Package problem is the one positioned-problem type of mixeval: what is
// wrong, in which file, and where (line and column of a text file, or row
// and column of a spreadsheet). Every reader of a user file reports its
// problems as a List, all at once, so that a user can fix a file in one
// pass; front ends count and format them without parsing text.
//
//	var l problem.List
//	l.Add(&problem.Problem{File: "scores/items.csv", Row: 4, Field: "D (scs_2)", Msg: "7 is outside 1-5"})
//	return l.Cap(100).Err()
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
	// More, on the last problem of a capped List, counts the problems
	// found but not listed; that problem's Msg says so.
	More int `json:"more,omitempty"`
}

// Error reads "file:line:col: msg", "file: row 4, column D (scs_2): msg" or
// "file: msg", as compilers and spreadsheets name places.
func (p *Problem) Error() string {
	var b strings.Builder
	if p.More > 0 {
		return p.File + ": " + p.Msg
	}
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

// List is every problem found in one pass, in the order found (or sorted
// by the reader), like go/scanner's ErrorList. A reader that stops listing
// after its first problems ends the list with a Problem whose More counts
// the rest (see Cap).
type List []*Problem

// Add appends p.
func (l *List) Add(p *Problem) { *l = append(*l, p) }

// Addf appends a problem in file with a formatted message.
func (l *List) Addf(file, format string, args ...any) { l.Add(Errorf(file, format, args...)) }

// Cap keeps the first max problems and replaces the rest by one line that
// counts them: a file wrong on each of a million rows needs its first
// problems, not a million lines.
func (l List) Cap(max int) List {
	if max <= 0 || l.Len() <= max {
		return l
	}
	n := l.Len() - max
	out := append(List(nil), l[:max]...)
	return append(out, &Problem{File: l[max].File, More: n,
		Msg: fmt.Sprintf("and %d more problem%s of the same kinds (only the first %d are listed)", n, plural(n), max)})
}

// Len is the number of problems found, listed or counted in a More line.
func (l List) Len() int {
	n := 0
	for _, p := range l {
		if p.More > 0 {
			n += p.More
		} else {
			n++
		}
	}
	return n
}

// Err returns nil when the list is empty, else the list as an error.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Error has one problem per line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, p := range l {
		lines[i] = p.Error()
	}
	return strings.Join(lines, "\n")
}

// Lister is an error that can give its problems as a List.
type Lister interface {
	error
	List() List
}

// Of returns the problems err holds: a List, a Lister's list, or a single
// Problem as a List of one; nil when err holds none.
func Of(err error) List {
	var l List
	if errors.As(err, &l) {
		return l
	}
	var ls Lister
	if errors.As(err, &ls) {
		return ls.List()
	}
	var p *Problem
	if errors.As(err, &p) {
		return List{p}
	}
	return nil
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// AndMore counts n more problems found but not listed: it adds them to the
// list's counting line, or appends one.
func (l List) AndMore(n int) List {
	if n <= 0 {
		return l
	}
	if k := len(l); k > 0 && l[k-1].More > 0 {
		last := *l[k-1]
		last.More += n
		last.Msg = fmt.Sprintf("and %d more problem%s of the same kinds (only the first %d are listed)", last.More, plural(last.More), k-1)
		return append(l[:k-1:k-1], &last)
	}
	file := ""
	if len(l) > 0 {
		file = l[0].File
	}
	return append(l, &Problem{File: file, More: n,
		Msg: fmt.Sprintf("and %d more problem%s of the same kinds (only the first %d are listed)", n, plural(n), len(l))})
}

// Split separates the listed problems from the count of those not listed.
func (l List) Split() (listed List, more int) {
	for _, p := range l {
		if p.More > 0 {
			more += p.More
			continue
		}
		listed = append(listed, p)
	}
	return listed, more
}
