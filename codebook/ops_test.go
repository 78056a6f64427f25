package codebook

import (
	"errors"
	"strings"
	"testing"
	"time"
)

const baseYAML = `version: 1
themes:
  - id: belonging
    name: Belonging
    exemplars:
      - document: P01/helped
        start: 0
        end: 5
        coder: alice
        code: not-alone
    subthemes:
      - id: connection
        name: Connection
        codes:
          - id: not-alone
            name: Not alone
            definition: Relief at meeting others.
            exemplars:
              - document: P01/helped
                start: 0
                end: 5
                coder: alice
          - id: peers
            name: Peers
            definition: Others in the group.
            memo: Overlaps not-alone?
  - id: flourishing
    name: Flourishing
    codes:
      - id: toolkit
        name: Toolkit
codes:
  - id: tech
    name: Technology
`

var fixedTime = time.Date(2026, 3, 5, 14, 30, 9, 500, time.FixedZone("BST", 3600))

// fixedWhen is fixedTime as recorded: UTC, whole seconds.
const fixedWhen = "2026-03-05T13:30:09Z"

func base(t *testing.T) *Codebook {
	t.Helper()
	cb, err := Parse("base.yaml", []byte(baseYAML))
	if err != nil {
		t.Fatal(err)
	}
	cb.Clock = func() time.Time { return fixedTime }
	return cb
}

func marshal(t *testing.T, cb *Codebook) string {
	t.Helper()
	b, err := cb.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// opCase runs an operation on the base codebook. On success the codebook
// must still validate, the last history entry must be want, and check (if
// any) looks at the result. On failure the error must contain wantErr and
// the codebook must be byte-for-byte what it was.
type opCase struct {
	name    string
	op      func(cb *Codebook) error
	wantErr string
	want    Event // When is filled in
	check   func(t *testing.T, cb *Codebook)
}

func runOps(t *testing.T, cases []opCase) {
	t.Helper()
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			cb := base(t)
			before := marshal(t, cb)
			err := tt.op(cb)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				if after := marshal(t, cb); after != before {
					t.Errorf("a refused operation changed the codebook:\n%s", lineDiff(before, after))
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if err := cb.Validate(); err != nil {
				t.Fatalf("codebook invalid after operation: %v", err)
			}
			if _, err := Parse("after.yaml", []byte(marshal(t, cb))); err != nil {
				t.Fatalf("saved codebook does not load: %v", err)
			}
			if tt.want.What != "" {
				tt.want.When = fixedWhen
				got := cb.History[len(cb.History)-1]
				if !equalEvent(got, tt.want) {
					t.Errorf("history entry\n got %+v\nwant %+v", got, tt.want)
				}
			}
			if tt.check != nil {
				tt.check(t, cb)
			}
		})
	}
}

func equalEvent(a, b Event) bool {
	return a.What == b.What && a.Who == b.Who && a.When == b.When && a.ID == b.ID &&
		a.To == b.To && strings.Join(a.New, ",") == strings.Join(b.New, ",") && a.Details == b.Details
}

func parentOf(t *testing.T, cb *Codebook, id, want string) {
	t.Helper()
	if cb.Find(id) == nil {
		t.Fatalf("%s is gone", id)
	}
	got := ""
	if p := cb.Parent(id); p != nil {
		got = p.ID
	}
	if got != want {
		t.Errorf("parent of %s = %q, want %q", id, got, want)
	}
}

func TestCreate(t *testing.T) {
	runOps(t, []opCase{
		{name: "code under a subtheme, id from the name",
			op: func(cb *Codebook) error {
				_, err := cb.Create("alice", NewNode{Kind: Code, Name: "Feeling understood", Parent: "connection", Definition: "d"})
				return err
			},
			want: Event{What: "create", Who: "alice", ID: "feeling-understood", To: "connection", Details: `created code "Feeling understood" under connection`},
			check: func(t *testing.T, cb *Codebook) {
				parentOf(t, cb, "feeling-understood", "connection")
				if n := cb.Find("feeling-understood"); n.Kind != Code || n.Definition != "d" {
					t.Errorf("got %+v", n)
				}
			}},
		{name: "top-level theme with a chosen id",
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Theme, ID: "virtual", Name: "Virtual benefits"})
				return err
			},
			want: Event{What: "create", Who: "bob", ID: "virtual", Details: `created theme "Virtual benefits" at the top level`},
			check: func(t *testing.T, cb *Codebook) {
				if len(cb.Themes) != 3 || cb.Themes[2].ID != "virtual" || cb.Themes[2].Kind != Theme {
					t.Errorf("themes: %v", cb.Themes)
				}
			}},
		{name: "subtheme",
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Theme, Name: "Sense of safeness", Parent: "belonging"})
				return err
			},
			want:  Event{What: "create", Who: "bob", ID: "sense-of-safeness", To: "belonging", Details: `created theme "Sense of safeness" under belonging`},
			check: func(t *testing.T, cb *Codebook) { parentOf(t, cb, "sense-of-safeness", "belonging") }},
		{name: "unattached code",
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, Name: "Camera off"})
				return err
			},
			want:  Event{What: "create", Who: "bob", ID: "camera-off", Details: `created code "Camera off" unattached`},
			check: func(t *testing.T, cb *Codebook) { parentOf(t, cb, "camera-off", "") }},
		{name: "generated id avoids a collision",
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, Name: "Peers"})
				return err
			},
			want: Event{What: "create", Who: "bob", ID: "peers-2", Details: `created code "Peers" unattached`}},
		{name: "empty scope is not stored",
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, Name: "X", Scope: &Scope{}})
				return err
			},
			check: func(t *testing.T, cb *Codebook) {
				if cb.Find("x").Scope != nil {
					t.Error("empty scope kept")
				}
			}},
		{name: "no author", wantErr: "say who makes the change",
			op: func(cb *Codebook) error { _, err := cb.Create(" ", NewNode{Kind: Code, Name: "X"}); return err }},
		{name: "no kind", wantErr: "theme or a code",
			op: func(cb *Codebook) error { _, err := cb.Create("bob", NewNode{Name: "X"}); return err }},
		{name: "empty name", wantErr: "name is empty",
			op: func(cb *Codebook) error { _, err := cb.Create("bob", NewNode{Kind: Code, Name: ""}); return err }},
		{name: "bad id", wantErr: `id "Not A Slug" is not a slug`,
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, ID: "Not A Slug", Name: "X"})
				return err
			}},
		{name: "id taken", wantErr: `id "toolkit" is already used by code "Toolkit"`,
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, ID: "toolkit", Name: "X"})
				return err
			}},
		{name: "missing parent", wantErr: `parent "nowhere" is not in the codebook`,
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, Name: "X", Parent: "nowhere"})
				return err
			}},
		{name: "parent is a code", wantErr: `parent "toolkit" is a code`,
			op: func(cb *Codebook) error {
				_, err := cb.Create("bob", NewNode{Kind: Code, Name: "X", Parent: "toolkit"})
				return err
			}},
	})
}

func TestCreateRefusesRetiredID(t *testing.T) {
	cb := base(t)
	if _, err := cb.Merge("alice", "peers", "not-alone"); err != nil {
		t.Fatal(err)
	}
	_, err := cb.Create("bob", NewNode{Kind: Code, ID: "peers", Name: "Peers"})
	if err == nil || !strings.Contains(err.Error(), "merged, split or deleted") {
		t.Fatalf("error %v", err)
	}
	// A generated id skips it too.
	n, err := cb.Create("bob", NewNode{Kind: Code, Name: "Peers"})
	if err != nil || n.ID != "peers-2" {
		t.Fatalf("got %v, %v; want peers-2", n, err)
	}
}

func TestRenameAndEdit(t *testing.T) {
	runOps(t, []opCase{
		{name: "rename keeps the id",
			op:   func(cb *Codebook) error { return cb.Rename("alice", "toolkit", "A toolkit for life") },
			want: Event{What: "rename", Who: "alice", ID: "toolkit", Details: `renamed "Toolkit" to "A toolkit for life"`},
			check: func(t *testing.T, cb *Codebook) {
				if cb.Find("toolkit").Name != "A toolkit for life" {
					t.Error("name unchanged")
				}
			}},
		{name: "rename to the same name", wantErr: `already called "Toolkit"`,
			op: func(cb *Codebook) error { return cb.Rename("alice", "toolkit", "Toolkit") }},
		{name: "rename unknown", wantErr: `"nope" is not in the codebook`,
			op: func(cb *Codebook) error { return cb.Rename("alice", "nope", "X") }},
		{name: "rename to two lines", wantErr: "spans several lines",
			op: func(cb *Codebook) error { return cb.Rename("alice", "toolkit", "a\nb") }},
		{name: "edit records what changed",
			op: func(cb *Codebook) error {
				return cb.Edit("bob", "peers", Details{Definition: "Others in the group.", Memo: "", Scope: &Scope{Exclude: "Staff"}})
			},
			want: Event{What: "edit", Who: "bob", ID: "peers", Details: "changed the scope, memo"},
			check: func(t *testing.T, cb *Codebook) {
				n := cb.Find("peers")
				if n.Memo != "" || n.Scope == nil || n.Scope.Exclude != "Staff" {
					t.Errorf("got %+v", n)
				}
			}},
		{name: "edit without change records nothing",
			op: func(cb *Codebook) error {
				return cb.Edit("bob", "peers", Details{Definition: "Others in the group.", Memo: "Overlaps not-alone?"})
			},
			check: func(t *testing.T, cb *Codebook) {
				if len(cb.History) != 0 {
					t.Errorf("history: %+v", cb.History)
				}
			}},
	})
}

func TestMove(t *testing.T) {
	runOps(t, []opCase{
		{name: "code to another theme",
			op:    func(cb *Codebook) error { return cb.Move("alice", "peers", "flourishing") },
			want:  Event{What: "move", Who: "alice", ID: "peers", To: "flourishing", Details: `moved "Peers" from "connection" to "flourishing"`},
			check: func(t *testing.T, cb *Codebook) { parentOf(t, cb, "peers", "flourishing") }},
		{name: "code becomes unattached",
			op:   func(cb *Codebook) error { return cb.Move("alice", "toolkit", "") },
			want: Event{What: "move", Who: "alice", ID: "toolkit", Details: `moved "Toolkit" from "flourishing" to the top level`},
			check: func(t *testing.T, cb *Codebook) {
				parentOf(t, cb, "toolkit", "")
				if cb.Codes[1].ID != "toolkit" {
					t.Errorf("toolkit should be the last unattached code")
				}
			}},
		{name: "unattached code into a theme",
			op:    func(cb *Codebook) error { return cb.Move("alice", "tech", "belonging") },
			check: func(t *testing.T, cb *Codebook) { parentOf(t, cb, "tech", "belonging") }},
		{name: "theme becomes a subtheme",
			op: func(cb *Codebook) error { return cb.Move("alice", "flourishing", "connection") },
			check: func(t *testing.T, cb *Codebook) {
				parentOf(t, cb, "flourishing", "connection")
				path := cb.Path("toolkit")
				var ids []string
				for _, n := range path {
					ids = append(ids, n.ID)
				}
				if strings.Join(ids, "/") != "belonging/connection/flourishing/toolkit" {
					t.Errorf("path %v", ids)
				}
			}},
		{name: "subtheme to the top level",
			op: func(cb *Codebook) error { return cb.Move("alice", "connection", "") },
			check: func(t *testing.T, cb *Codebook) {
				parentOf(t, cb, "connection", "")
				parentOf(t, cb, "peers", "connection")
			}},
		{name: "theme into itself", wantErr: "cannot go inside itself",
			op: func(cb *Codebook) error { return cb.Move("alice", "belonging", "belonging") }},
		{name: "theme into its own descendant", wantErr: `"connection" lies inside "belonging"`,
			op: func(cb *Codebook) error { return cb.Move("alice", "belonging", "connection") }},
		{name: "into a code", wantErr: `parent "toolkit" is a code`,
			op: func(cb *Codebook) error { return cb.Move("alice", "peers", "toolkit") }},
		{name: "missing target", wantErr: `parent "gone" is not in the codebook`,
			op: func(cb *Codebook) error { return cb.Move("alice", "peers", "gone") }},
		{name: "missing node", wantErr: `"gone" is not in the codebook`,
			op: func(cb *Codebook) error { return cb.Move("alice", "gone", "") }},
		{name: "already there", wantErr: `already under "connection"`,
			op: func(cb *Codebook) error { return cb.Move("alice", "peers", "connection") }},
	})
}

func TestMerge(t *testing.T) {
	var remap Remap
	runOps(t, []opCase{
		{name: "peers into not-alone",
			op: func(cb *Codebook) (err error) {
				remap, err = cb.Merge("bob", "peers", "not-alone")
				return err
			},
			want: Event{What: "merge", Who: "bob", ID: "peers", To: "not-alone", Details: `merged "Peers" into "Not alone"`},
			check: func(t *testing.T, cb *Codebook) {
				if len(remap) != 1 || remap["peers"] != "not-alone" {
					t.Errorf("remap %v", remap)
				}
				// The definition gains peers' as a labelled paragraph; the
				// memo, empty on not-alone, is taken as it is.
				n := cb.Find("not-alone")
				wantDef := "Relief at meeting others.\n\nFrom \"Peers\" (peers): Others in the group."
				if n.Definition != wantDef || n.Memo != "Overlaps not-alone?" {
					t.Errorf("definition %q memo %q", n.Definition, n.Memo)
				}
				if cb.Find("peers") != nil {
					t.Error("peers still there")
				}
			}},
		{name: "exemplars follow and theme references are rewritten",
			op: func(cb *Codebook) error {
				if err := cb.AddExemplar("bob", "peers", Exemplar{Document: "P02/helped", Start: 3, End: 9, Coder: "bob"}); err != nil {
					return err
				}
				if err := cb.AddExemplar("bob", "flourishing", Exemplar{Document: "P02/helped", Start: 3, End: 9, Coder: "bob", Code: "peers"}); err != nil {
					return err
				}
				_, err := cb.Merge("bob", "peers", "not-alone")
				return err
			},
			check: func(t *testing.T, cb *Codebook) {
				got := cb.Find("not-alone").Exemplars
				if len(got) != 2 || got[1] != (Exemplar{Document: "P02/helped", Start: 3, End: 9, Coder: "bob"}) {
					t.Errorf("not-alone exemplars %+v", got)
				}
				if e := cb.Find("flourishing").Exemplars; len(e) != 1 || e[0].Code != "not-alone" {
					t.Errorf("flourishing exemplars %+v", e)
				}
			}},
		{name: "into itself", wantErr: "cannot be merged into itself",
			op: func(cb *Codebook) error { _, err := cb.Merge("bob", "peers", "peers"); return err }},
		{name: "a theme", wantErr: `"connection" is a theme`,
			op: func(cb *Codebook) error { _, err := cb.Merge("bob", "connection", "peers"); return err }},
		{name: "missing target", wantErr: `"gone" is not in the codebook`,
			op: func(cb *Codebook) error { _, err := cb.Merge("bob", "peers", "gone"); return err }},
	})
}

// TestMergeWholeFile checks a merge against the whole file written out by
// hand.
func TestMergeWholeFile(t *testing.T) {
	cb := base(t)
	if _, err := cb.Merge("bob", "not-alone", "peers"); err != nil {
		t.Fatal(err)
	}
	want := `version: 1
themes:
  - id: belonging
    name: Belonging
    exemplars:
      - document: P01/helped
        start: 0
        end: 5
        coder: alice
        code: peers
    subthemes:
      - id: connection
        name: Connection
        codes:
          - id: peers
            name: Peers
            definition: |-
              Others in the group.

              From "Not alone" (not-alone): Relief at meeting others.
            memo: Overlaps not-alone?
            exemplars:
              - document: P01/helped
                start: 0
                end: 5
                coder: alice
  - id: flourishing
    name: Flourishing
    codes:
      - id: toolkit
        name: Toolkit
codes:
  - id: tech
    name: Technology
history:
  - what: merge
    who: bob
    when: 2026-03-05T13:30:09Z
    id: not-alone
    to: peers
    details: merged "Not alone" into "Peers"
`
	if got := marshal(t, cb); got != want {
		t.Errorf("got:\n%s\ndiff:\n%s", got, lineDiff(want, got))
	}
}

func TestSplit(t *testing.T) {
	var res SplitResult
	parts := []NewNode{{Name: "Shared experience", Definition: "Same pain."}, {Name: "Being believed"}}
	runOps(t, []opCase{
		{name: "original kept until segments are reassigned",
			op: func(cb *Codebook) (err error) {
				res, err = cb.Split("alice", "not-alone", parts, "")
				return err
			},
			want: Event{What: "split", Who: "alice", ID: "not-alone", New: []string{"shared-experience", "being-believed"},
				Details: `split "Not alone" into shared-experience, being-believed; the original stays until its segments are reassigned`},
			check: func(t *testing.T, cb *Codebook) {
				if !res.Kept || res.Remap != nil || len(res.Created) != 2 {
					t.Errorf("result %+v", res)
				}
				var ids []string
				for _, c := range cb.Find("connection").Codes {
					ids = append(ids, c.ID)
				}
				if strings.Join(ids, ",") != "not-alone,shared-experience,being-believed,peers" {
					t.Errorf("connection codes %v", ids)
				}
			}},
		{name: "segments assigned to one part",
			op: func(cb *Codebook) (err error) {
				res, err = cb.Split("alice", "not-alone", parts, "being-believed")
				return err
			},
			want: Event{What: "split", Who: "alice", ID: "not-alone", To: "being-believed", New: []string{"shared-experience", "being-believed"},
				Details: `split "Not alone" into shared-experience, being-believed; its segments went to being-believed`},
			check: func(t *testing.T, cb *Codebook) {
				if res.Kept || res.Remap["not-alone"] != "being-believed" {
					t.Errorf("result %+v", res)
				}
				if cb.Find("not-alone") != nil {
					t.Error("original still there")
				}
				b := cb.Find("being-believed")
				// No definition of its own, so it inherits the original's.
				if b.Definition != "Relief at meeting others." || len(b.Exemplars) != 1 {
					t.Errorf("being-believed %+v", b)
				}
				if e := cb.Find("belonging").Exemplars[0]; e.Code != "being-believed" {
					t.Errorf("theme exemplar still names %q", e.Code)
				}
				if cb.Find("shared-experience").Definition != "Same pain." {
					t.Error("own definition lost")
				}
			}},
		{name: "one part only", wantErr: "at least two new codes",
			op: func(cb *Codebook) error { _, err := cb.Split("alice", "not-alone", parts[:1], ""); return err }},
		{name: "same id twice", wantErr: `id "x" is given to two new codes`,
			op: func(cb *Codebook) error {
				_, err := cb.Split("alice", "not-alone", []NewNode{{ID: "x", Name: "X"}, {ID: "x", Name: "Y"}}, "")
				return err
			}},
		{name: "generated ids do not collide", op: func(cb *Codebook) error {
			_, err := cb.Split("alice", "not-alone", []NewNode{{Name: "Same"}, {Name: "Same"}}, "")
			return err
		}, check: func(t *testing.T, cb *Codebook) {
			if cb.Find("same") == nil || cb.Find("same-2") == nil {
				t.Error("want same and same-2")
			}
		}},
		{name: "assign outside the parts", wantErr: "one of the new codes (a, b), not \"peers\"",
			op: func(cb *Codebook) error {
				_, err := cb.Split("alice", "not-alone", []NewNode{{ID: "a", Name: "A"}, {ID: "b", Name: "B"}}, "peers")
				return err
			}},
		{name: "taken id", wantErr: `id "peers" is already used`,
			op: func(cb *Codebook) error {
				_, err := cb.Split("alice", "not-alone", []NewNode{{ID: "peers", Name: "A"}, {ID: "b", Name: "B"}}, "")
				return err
			}},
		{name: "a theme", wantErr: `"connection" is a theme`,
			op: func(cb *Codebook) error { _, err := cb.Split("alice", "connection", parts, ""); return err }},
	})
}

func TestDelete(t *testing.T) {
	uses := map[string]int{"peers": 4}
	count := func(id string) int { return uses[id] }
	var remap Remap
	runOps(t, []opCase{
		{name: "unused code",
			op: func(cb *Codebook) (err error) {
				remap, err = cb.Delete("bob", "not-alone", count, "")
				return err
			},
			want: Event{What: "delete", Who: "bob", ID: "not-alone", Details: `deleted unused code "Not alone"`},
			check: func(t *testing.T, cb *Codebook) {
				if remap != nil || cb.Find("not-alone") != nil {
					t.Errorf("remap %v", remap)
				}
				// The theme's exemplar quoted a segment of the deleted code.
				if e := cb.Find("belonging").Exemplars; len(e) != 0 {
					t.Errorf("dangling exemplar kept: %+v", e)
				}
			}},
		{name: "used code", wantErr: "code is in use by 4 segment(s)",
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "peers", count, ""); return err }},
		{name: "used code reassigned",
			op: func(cb *Codebook) (err error) {
				remap, err = cb.Delete("bob", "peers", count, "toolkit")
				return err
			},
			want: Event{What: "delete", Who: "bob", ID: "peers", To: "toolkit", Details: `deleted code "Peers"; its segments went to "Toolkit"`},
			check: func(t *testing.T, cb *Codebook) {
				if remap["peers"] != "toolkit" {
					t.Errorf("remap %v", remap)
				}
			}},
		{name: "no usage count", wantErr: "no usage count given",
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "tech", nil, ""); return err }},
		{name: "reassign to itself", wantErr: "to itself",
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "peers", count, "peers"); return err }},
		{name: "reassign to a theme", wantErr: `"connection" is a theme`,
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "peers", count, "connection"); return err }},
		{name: "theme with children", wantErr: "still holds 1 subtheme(s) and 0 code(s)",
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "belonging", count, ""); return err }},
		{name: "theme with a target", wantErr: "nothing to reassign",
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "flourishing", count, "tech"); return err }},
		{name: "empty theme",
			op: func(cb *Codebook) error {
				if _, err := cb.Delete("bob", "toolkit", count, ""); err != nil {
					return err
				}
				_, err := cb.Delete("bob", "flourishing", count, "")
				return err
			},
			want: Event{What: "delete", Who: "bob", ID: "flourishing", Details: `deleted theme "Flourishing"`}},
		{name: "unknown", wantErr: `"gone" is not in the codebook`,
			op: func(cb *Codebook) error { _, err := cb.Delete("bob", "gone", count, ""); return err }},
	})
	cb := base(t)
	if _, err := cb.Delete("bob", "peers", count, ""); !errors.Is(err, ErrInUse) {
		t.Errorf("want ErrInUse, got %v", err)
	}
}

func TestExemplars(t *testing.T) {
	e := Exemplar{Document: "P07/online", Start: 10, End: 20, Coder: "bob"}
	runOps(t, []opCase{
		{name: "add to a code",
			op:   func(cb *Codebook) error { return cb.AddExemplar("bob", "toolkit", e) },
			want: Event{What: "add-exemplar", Who: "bob", ID: "toolkit", Details: "added exemplar P07/online [10,20) by bob"}},
		{name: "a code's own id is implied",
			op: func(cb *Codebook) error {
				e2 := e
				e2.Code = "toolkit"
				return cb.AddExemplar("bob", "toolkit", e2)
			},
			check: func(t *testing.T, cb *Codebook) {
				if cb.Find("toolkit").Exemplars[0].Code != "" {
					t.Error("code kept on a code's exemplar")
				}
			}},
		{name: "add to a theme names the code",
			op: func(cb *Codebook) error {
				e2 := e
				e2.Code = "toolkit"
				return cb.AddExemplar("bob", "flourishing", e2)
			},
			want: Event{What: "add-exemplar", Who: "bob", ID: "flourishing", To: "toolkit", Details: "added exemplar P07/online [10,20) by bob"}},
		{name: "theme exemplar without code", wantErr: "name the code the quoted segment carries",
			op: func(cb *Codebook) error { return cb.AddExemplar("bob", "flourishing", e) }},
		{name: "theme exemplar naming a theme", wantErr: `"connection" is not a code`,
			op: func(cb *Codebook) error {
				e2 := e
				e2.Code = "connection"
				return cb.AddExemplar("bob", "flourishing", e2)
			}},
		{name: "code exemplar naming another code", wantErr: "not segments of \"peers\"",
			op: func(cb *Codebook) error {
				e2 := e
				e2.Code = "peers"
				return cb.AddExemplar("bob", "toolkit", e2)
			}},
		{name: "empty span", wantErr: "end 10 must be greater than start 10",
			op: func(cb *Codebook) error {
				e2 := e
				e2.End = 10
				return cb.AddExemplar("bob", "toolkit", e2)
			}},
		{name: "twice", wantErr: "already an exemplar",
			op: func(cb *Codebook) error {
				return cb.AddExemplar("bob", "not-alone", Exemplar{Document: "P01/helped", Start: 0, End: 5, Coder: "alice"})
			}},
		{name: "remove",
			op: func(cb *Codebook) error {
				return cb.RemoveExemplar("bob", "not-alone", Exemplar{Document: "P01/helped", Start: 0, End: 5, Coder: "alice"})
			},
			want: Event{What: "remove-exemplar", Who: "bob", ID: "not-alone", Details: "removed exemplar P01/helped [0,5) by alice"}},
		{name: "remove missing", wantErr: "is not one of its exemplars",
			op: func(cb *Codebook) error { return cb.RemoveExemplar("bob", "not-alone", e) }},
	})
}

func TestRemapsFollowChains(t *testing.T) {
	cb := base(t)
	if _, err := cb.Merge("bob", "peers", "not-alone"); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Delete("bob", "not-alone", nil, "toolkit"); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Split("bob", "tech", []NewNode{{Name: "Camera"}, {Name: "Sound"}}, "sound"); err != nil {
		t.Fatal(err)
	}
	got := cb.Remaps()
	want := Remap{"peers": "toolkit", "not-alone": "toolkit", "tech": "sound"}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s → %s, want %s", k, got[k], v)
		}
	}
}

func TestHelpers(t *testing.T) {
	cb := base(t)
	var ids []string
	for _, n := range cb.CodesUnder("belonging") {
		ids = append(ids, n.ID)
	}
	if strings.Join(ids, ",") != "not-alone,peers" {
		t.Errorf("CodesUnder(belonging) = %v", ids)
	}
	if got := cb.CodesUnder("tech"); len(got) != 1 || got[0].ID != "tech" {
		t.Errorf("CodesUnder(tech) = %v", got)
	}
	if cb.CodesUnder("gone") != nil || cb.Path("gone") != nil || cb.Find("gone") != nil {
		t.Error("unknown id found")
	}
	if p := cb.Path("tech"); len(p) != 1 || p[0].ID != "tech" {
		t.Errorf("Path(tech) = %v", p)
	}
	if len(cb.AllCodes()) != 4 || !cb.IsCode("peers") || cb.IsCode("connection") {
		t.Error("AllCodes/IsCode")
	}
}
