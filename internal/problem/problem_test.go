package problem

import (
	"errors"
	"fmt"
	"testing"
)

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "mixeval.yaml", Line: 3, Column: 5, Msg: "unknown key"}, "mixeval.yaml:3:5: unknown key"},
		{Problem{File: "codebook.yaml", Line: 7, Msg: "duplicate id"}, "codebook.yaml:7: duplicate id"},
		{Problem{File: "items.csv", Row: 4, Field: "D (scs_2)", Msg: "7 is outside 1-5"}, "items.csv: row 4, column D (scs_2): 7 is outside 1-5"},
		{Problem{File: "items.csv", Row: 4, Msg: "too few cells"}, "items.csv: row 4: too few cells"},
		{Problem{File: "items.csv", Field: "id", Msg: "missing"}, "items.csv: column id: missing"},
		{Problem{File: "form.csv", Line: 9, Row: 8, Field: `"Q1"`, Msg: "empty"}, `form.csv:9: row 8, column "Q1": empty`},
		{Problem{File: "x", Msg: "gone"}, "x: gone"},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("%+v: got %q, want %q", tt.p, got, tt.want)
		}
	}
}

func TestListCapAndCount(t *testing.T) {
	var l List
	if l.Err() != nil {
		t.Fatal("empty list is an error")
	}
	for i := 1; i <= 5; i++ {
		l.Add(&Problem{File: "f", Row: i, Msg: "bad"})
	}
	c := l.Cap(2)
	if c.Len() != 5 || len(c) != 3 || c[2].More != 3 {
		t.Fatalf("Len %d, lines %d; want 5, 3", c.Len(), len(c))
	}
	want := "f: row 1: bad\nf: row 2: bad\nf: and 3 more problems of the same kinds (only the first 2 are listed)"
	if got := c.Err().Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if len(l.Cap(5)) != 5 || len(l.Cap(0)) != 5 {
		t.Error("a list within the cap is kept whole")
	}
}

func TestOf(t *testing.T) {
	var l List
	l.Addf("a", "one %d", 1)
	if got := Of(fmt.Errorf("wrapped: %w", l)); got.Len() != 1 {
		t.Errorf("wrapped list: Len %d", got.Len())
	}
	if got := Of(&Problem{File: "b", Msg: "x"}); got.Len() != 1 {
		t.Errorf("single problem: Len %d", got.Len())
	}
	if Of(errors.New("plain")) != nil {
		t.Error("a plain error holds no problems")
	}
}
