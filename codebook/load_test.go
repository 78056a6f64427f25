package codebook

import (
	"errors"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/problem"
)

// loadErrorCases pair an input with every error it must produce, each as
// line:column (counted by hand from the input) and a fragment of the
// message.
var loadErrorCases = []struct {
	name string
	in   string
	want []string
}{
	{
		name: "unknown keys at every level",
		in: `version: 1
colour: red
themes:
  - id: a
    name: A
    colour: blue
    scope:
      maybe: x
    exemplars:
      - document: P01/q
        start: 0
        end: 3
        coder: alice
        code: c
        text: copied
    codes:
      - id: c
        name: C
        parent: a
history:
  - what: create
    who: alice
    when: 2026-03-01T10:00:00Z
    id: a
    why: because
`,
		want: []string{
			`2:1: unknown key "colour"`,
			`6:5: unknown key "colour"`,
			`8:7: unknown key "maybe"`,
			`15:9: unknown key "text"`,
			`19:9: unknown key "parent"`,
			`25:5: unknown key "why"`,
		},
	},
	{
		name: "duplicate ids across the tree",
		in: `themes:
  - id: belonging
    name: Belonging
    subthemes:
      - id: belonging
        name: Belonging again
codes:
  - id: x
    name: X
  - id: belonging
    name: Belonging as a code
`,
		want: []string{
			`5:13: id "belonging" is used twice (also at line 2)`,
			`10:9: id "belonging" is used twice (also at line 2)`,
		},
	},
	{
		name: "a code in two places",
		in: `themes:
  - id: t
    name: T
    codes:
      - id: toolkit
        name: Toolkit
codes:
  - id: toolkit
    name: Toolkit
`,
		want: []string{`8:9: code "toolkit" appears in two places (line 5, under "t", and here, unattached)`},
	},
	{
		name: "bad slugs and missing ids",
		in: `themes:
  - id: Sense of Belonging
    name: Sense of belonging
  - name: No id here
codes:
  - id: a--b
    name: Double hyphen
  - id: -lead
    name: Leading hyphen
  - id: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
    name: Sixty-five letters
`,
		want: []string{
			`2:9: id "Sense of Belonging" is not a slug`,
			`4:5: theme has no "id": add a slug such as "no-id-here"`,
			`6:9: id "a--b" is not a slug`,
			`8:9: id "-lead" is not a slug`,
			`10:9: id "aaaa`,
		},
	},
	{
		name: "empty and bad names",
		in: `themes:
  - id: a
    codes:
      - id: b
        name: "   "
      - id: c
        name: "two\nlines"
codes:
  - id: d
    name: " padded"
  -
`,
		want: []string{
			`2:5: theme "a" has no "name"`,
			`5:15: name of code "b" is empty`,
			`7:15: name of code "c" spans several lines`,
			`10:11: name of code "d" starts or ends with spaces`,
			`11:4: empty entry: each code needs at least an id and a name`,
		},
	},
	{
		name: "codes cannot hold children",
		in: `codes:
  - id: a
    name: A
    codes:
      - id: b
        name: B
    subthemes:
      - id: c
        name: C
`,
		want: []string{
			`4:5: code "a" cannot hold codes`,
			`7:5: code "a" cannot hold subthemes`,
		},
	},
	{
		name: "dangling and wrong exemplar references",
		in: `themes:
  - id: t
    name: T
    exemplars:
      - document: P01/helped
        start: 0
        end: 10
        coder: alice
        code: nowhere
      - document: P01/helped
        start: 0
        end: 10
        coder: alice
        code: t
      - document: P02/helped
        start: 5
        end: 9
        coder: bob
    codes:
      - id: c
        name: C
        exemplars:
          - document: P03/helped
            start: 1
            end: 2
            coder: alice
            code: other
codes:
  - id: other
    name: Other
`,
		want: []string{
			`9:15: exemplar refers to code "nowhere", which is not in the codebook`,
			`14:15: exemplar refers to "t", which is a theme`,
			`15:9: exemplar of theme "t" has no "code"`,
			`27:19: exemplar of code "c" names code "other"`,
		},
	},
	{
		name: "bad exemplar positions and coder",
		in: `codes:
  - id: c
    name: C
    exemplars:
      - start: -1
        end: -1
        coder: Alice Smith
      - document: P01/q
        start: 4
        end: 4
`,
		want: []string{
			`5:9: exemplar has no "document"`,
			`5:16: exemplar start -1 is negative`,
			`6:14: exemplar end -1 must be greater than start -1`,
			`7:16: coder name "Alice Smith"`,
			`8:9: exemplar has no "coder"`,
			`10:14: exemplar end 4 must be greater than start 4`,
		},
	},
	{
		name: "history problems",
		in: `codes:
  - id: c
    name: C
history:
  - what: rename
    who: alice
    when: 2026-03-01T10:00:00Z
    id: c
  - what: recolour
    who: alice
    when: 2026-03-01T10:00:00Z
    id: c
  - what: create
    when: 2026-03-01T10:00:00Z
  - what: create
    who: bob
    id: c
`,
		want: []string{
			`9:11: history entry: operation "recolour" is not known`,
			`13:5: history entry has no "who"`,
			`13:5: history entry has no "id"`,
			`15:5: history entry has no "when"`,
		},
	},
	{
		name: "syntax error",
		in:   "codes:\n  - id: a\n    name: [unclosed\n",
		// yaml.v3 names the line where the enclosing mapping starts (2),
		// not where the list opened (3) or the file ended (4).
		want: []string{`f.yaml:2: YAML syntax: did not find expected ',' or ']'`},
	},
	{
		name: "unknown version",
		in:   "version: 2\n",
		want: []string{`1:10: codebook format version 2 is not known`},
	},
	{
		name: "wrong types",
		in: `codes:
  - id: c
    name: C
    exemplars:
      - document: P01/q
        start: one
        end: 4
        coder: alice
`,
		want: []string{`f.yaml:6: expected a different kind of value, got text`},
	},
	{
		name: "bad time in history",
		in: `codes:
  - id: c
    name: C
history:
  - what: create
    who: alice
    when: last tuesday
    id: c
`,
		want: []string{`7:11: history time "last tuesday" is not an RFC 3339 time`},
	},
}

func TestParseErrors(t *testing.T) {
	for _, tt := range loadErrorCases {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("f.yaml", []byte(tt.in))
			if err == nil {
				t.Fatalf("no error; want %q", tt.want)
			}
			var errs problem.List
			if !errors.As(err, &errs) {
				t.Fatalf("error is %T, want problem.List: %v", err, err)
			}
			if len(errs) != len(tt.want) {
				t.Errorf("got %d errors, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				if i >= len(errs) {
					break
				}
				got := errs[i].Error()
				if !strings.Contains(got, w) && !strings.Contains(got, "f.yaml:"+w) {
					t.Errorf("error %d = %q, want it to contain %q", i+1, got, w)
				}
				if !strings.HasPrefix(w, "f.yaml:") && !strings.HasPrefix(got, "f.yaml:"+w[:strings.Index(w, ": ")]) {
					t.Errorf("error %d = %q, want position %s", i+1, got, w[:strings.Index(w, ": ")])
				}
			}
		})
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct {
		name string
		in   string
		// check is run on the loaded codebook.
		check func(t *testing.T, cb *Codebook)
	}{
		{"empty file", "", func(t *testing.T, cb *Codebook) {
			if cb.Version != FormatVersion || len(cb.Themes)+len(cb.Codes) != 0 {
				t.Errorf("got %+v", cb)
			}
		}},
		{"only a comment", "# codes come later\n", func(t *testing.T, cb *Codebook) {
			if len(cb.Themes)+len(cb.Codes) != 0 {
				t.Errorf("got %+v", cb)
			}
		}},
		{"empty codebook", "version: 1\n", func(t *testing.T, cb *Codebook) {
			if len(cb.Themes)+len(cb.Codes) != 0 {
				t.Errorf("want no nodes")
			}
		}},
		{"missing version means current", "codes:\n  - id: a\n    name: A\n", func(t *testing.T, cb *Codebook) {
			if cb.Version != FormatVersion {
				t.Errorf("version %d", cb.Version)
			}
		}},
		{"kinds follow the lists", "themes:\n  - id: t\n    name: T\n    subthemes:\n      - id: s\n        name: S\n        codes:\n          - id: c\n            name: C\ncodes:\n  - id: u\n    name: U\n",
			func(t *testing.T, cb *Codebook) {
				want := map[string]Kind{"t": Theme, "s": Theme, "c": Code, "u": Code}
				for id, k := range want {
					if n := cb.Find(id); n == nil || n.Kind != k {
						t.Errorf("%s: got %v, want %v", id, n, k)
					}
				}
			}},
		{"comments are noticed", "# shared codebook\ncodes:\n  - id: a # first\n    name: A\n", func(t *testing.T, cb *Codebook) {
			if !cb.HasComments() {
				t.Error("comments not noticed")
			}
		}},
		{"empty scope dropped", "codes:\n  - id: a\n    name: A\n    scope: {}\n", func(t *testing.T, cb *Codebook) {
			if cb.Codes[0].Scope != nil {
				t.Errorf("scope kept")
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cb, err := Parse("f.yaml", []byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, cb)
		})
	}
}

// TestSaveCanonicalises shows what a hand-written file becomes on its first
// save: flow style turned to block style, keys put in order, empty fields
// dropped; the second save changes nothing.
func TestSaveCanonicalises(t *testing.T) {
	in := `codes: [{name: A, id: a, memo: "", exemplars: []}]
themes:
- {id: t, name: T, definition: "one\ntwo\n"}
`
	want := `version: 1
themes:
  - id: t
    name: T
    definition: |
      one
      two
codes:
  - id: a
    name: A
`
	cb, err := Parse("f.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
