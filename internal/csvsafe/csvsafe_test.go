package csvsafe

import (
	"bytes"
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		// The OWASP examples: each would run as a formula.
		{`=HYPERLINK("http://x","click")`, `'=HYPERLINK("http://x","click")`},
		{`=cmd|' /C calc'!A0`, `'=cmd|' /C calc'!A0`},
		{"+SUM(1)", "'+SUM(1)"},
		{"-2+3", "'-2+3"},
		{"@A1", "'@A1"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		// Genuine numbers stay numbers.
		{"-1.5", "-1.5"},
		{"+2", "+2"},
		{"3e-4", "3e-4"},
		{"-.5", "-.5"},
		{"0", "0"},
		// Ordinary text and empty cells are untouched.
		{"", ""},
		{"the group helped", "the group helped"},
		{"a=b", "a=b"},
		{"'=already", "'=already"},
		// A lone sign has nothing to compute.
		{"-", "-"},
		// Not numbers, though they look close.
		{"--1", "'--1"},
		{"+44 7700 900123", "'+44 7700 900123"},
		{"-Inf", "'-Inf"},
	} {
		if got := Cell(tc.in); got != tc.want {
			t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriterAndRewrite(t *testing.T) {
	var b bytes.Buffer
	w := NewWriter(&b)
	w.Write([]string{"id", "answer", "score"})
	w.Write([]string{"=cmd", "@SUM(A1)", "-3"})
	w.Flush()
	want := "id,answer,score\n'=cmd,'@SUM(A1),-3\n"
	if b.String() != want {
		t.Fatalf("got %q, want %q", b.String(), want)
	}
	var r bytes.Buffer
	if err := Rewrite(&r, strings.NewReader("id,text\n=1+1,\"+x, y\"\n-4,ok\n")); err != nil {
		t.Fatal(err)
	}
	if want := "id,text\n'=1+1,\"'+x, y\"\n-4,ok\n"; r.String() != want {
		t.Fatalf("Rewrite: got %q, want %q", r.String(), want)
	}
	// Rewriting safe output changes nothing.
	var again bytes.Buffer
	if err := Rewrite(&again, &r); err != nil || again.String() != "id,text\n'=1+1,\"'+x, y\"\n-4,ok\n" {
		t.Fatalf("Rewrite twice: %q %v", again.String(), err)
	}
}
