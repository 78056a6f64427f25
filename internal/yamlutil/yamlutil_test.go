package yamlutil

import (
	"errors"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
)

type inner struct {
	Mean float64 `yaml:"mean"`
}

type outer struct {
	Title string  `yaml:"title"`
	Items []inner `yaml:"items"`
}

func TestDecodeStrict(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string // substrings, one per expected error, in order
	}{
		{"ok", "title: x\nitems:\n  - mean: 1.5\n", nil},
		{"unknown top key", "title: x\ncolour: red\n", []string{"f.yaml:2:1: unknown key \"colour\" (allowed here: items, title)"}},
		{"unknown nested key", "items:\n  - mean: 1\n    sd: 2\n", []string{"f.yaml:3:5: unknown key \"sd\""}},
		{"wrong type", "items:\n  - mean: abc\n", []string{"f.yaml:2: "}},
		{"syntax", "title: [x\n", []string{"YAML syntax"}},
		{"empty", "", []string{"file is empty"}},
		{"two problems at once", "a: 1\nitems:\n  - b: 2\n", []string{"f.yaml:1:1: unknown key \"a\"", "f.yaml:3:5: unknown key \"b\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var v outer
			_, err := DecodeStrict("f.yaml", []byte(tt.in), &v)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want errors %q, got none", tt.want)
			}
			es, ok := err.(problem.List)
			if !ok {
				t.Fatalf("error type %T, want problem.List", err)
			}
			if len(es) != len(tt.want) {
				t.Fatalf("got %d errors (%v), want %d", len(es), err, len(tt.want))
			}
			for i, w := range tt.want {
				if !strings.Contains(es[i].Error(), w) {
					t.Errorf("error %d = %q, want it to contain %q", i, es[i], w)
				}
			}
		})
	}
}

func TestLookup(t *testing.T) {
	var v outer
	root, err := DecodeStrict("f.yaml", []byte("title: x\nitems:\n  - mean: 1\n  - mean: 2\n"), &v)
	if err != nil {
		t.Fatal(err)
	}
	n := Lookup(root, "items", 1, "mean")
	if n == nil || n.Line != 4 || n.Value != "2" {
		t.Fatalf("Lookup = %+v, want line 4 value 2", n)
	}
	if Lookup(root, "items", 5) != nil {
		t.Fatal("out-of-range index should give nil")
	}
}

// A second YAML document is refused, not ignored; its line is given.
func TestDecodeStrictRefusesSecondDocument(t *testing.T) {
	type doc struct {
		Title string `yaml:"title"`
	}
	for _, tc := range []struct {
		name, data string
		line       int // 0: accepted
	}{
		{"one document", "title: a\n", 0},
		{"explicit start", "---\ntitle: a\n", 0},
		{"explicit start and end", "---\ntitle: a\n...\n", 0},
		{"second document", "title: a\n---\ntitle: b\n", 2},
		{"second document after a start", "---\ntitle: a\n---\ntitle: b\nextra: 1\n", 3},
		{"empty second document", "title: a\n---\n", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var v doc
			_, err := DecodeStrict("codebook.yaml", []byte(tc.data), &v)
			if tc.line == 0 {
				if err != nil || v.Title != "a" {
					t.Fatalf("err = %v, title %q", err, v.Title)
				}
				return
			}
			var l problem.List
			if !errors.As(err, &l) || len(l) != 1 || l[0].Line != tc.line || !strings.Contains(l[0].Msg, "second YAML document") {
				t.Fatalf("err = %#v, want one problem at line %d", err, tc.line)
			}
		})
	}
}
