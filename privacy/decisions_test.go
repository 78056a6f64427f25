package privacy

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/internal/problem"
)

var when = time.Date(2025, 3, 14, 10, 0, 0, 0, time.UTC)

func decision(doc, hash string, start, end int, kind Kind, action Action, memo string) Decision {
	d := Decision{Doc: doc, Hash: hash, Start: start, End: end, Kind: kind, Action: action, By: "alice", At: when, Memo: memo}
	d.Finding = d.Key().ID()
	return d
}

func TestFindingID(t *testing.T) {
	id := FindingID("P03/helped", "9c1f0e2a4b7d", 10, 22, KindPhone)
	if len(id) != 10 || !isHex(id, 10) {
		t.Fatalf("id %q is not ten hex digits", id)
	}
	// The short and the full hash give the same id.
	if FindingID("P03/helped", "9c1f0e2a4b7d0000aaaa", 10, 22, KindPhone) != id {
		t.Error("a full hash gives another id than its short form")
	}
	for _, other := range []string{
		FindingID("P03/improve", "9c1f0e2a4b7d", 10, 22, KindPhone),
		FindingID("P03/helped", "9c1f0e2a4b7e", 10, 22, KindPhone),
		FindingID("P03/helped", "9c1f0e2a4b7d", 11, 22, KindPhone),
		FindingID("P03/helped", "9c1f0e2a4b7d", 10, 23, KindPhone),
		FindingID("P03/helped", "9c1f0e2a4b7d", 10, 22, KindNHSNumber),
	} {
		if other == id {
			t.Errorf("changing one part of the key kept the id %s", id)
		}
	}
}

func TestMarshalCanonical(t *testing.T) {
	f := &File{Decisions: []Decision{
		decision("P10/online", "00000000000b", 4, 9, KindName, ActionAllow, "the facilitator, named with consent"),
		decision("P03/helped", "00000000000a", 20, 32, KindPhone, ActionRedact, ""),
	}}
	f.Decisions[0].At = time.Date(2025, 3, 14, 11, 0, 0, 0, time.FixedZone("BST", 3600))
	got, err := f.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	// Written by hand: header, version, decisions sorted by document, keys
	// in struct order, times in UTC, no memo key when empty.
	want := header + `version: 1
decisions:
  - finding: ` + FindingID("P03/helped", "00000000000a", 20, 32, KindPhone) + `
    doc: P03/helped
    hash: 00000000000a
    start: 20
    end: 32
    kind: phone
    action: redact
    by: alice
    at: 2025-03-14T10:00:00Z
  - finding: ` + FindingID("P10/online", "00000000000b", 4, 9, KindName) + `
    doc: P10/online
    hash: 00000000000b
    start: 4
    end: 9
    kind: name
    action: allow
    by: alice
    at: 2025-03-14T10:00:00Z
    memo: the facilitator, named with consent
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	back, err := Parse("privacy.yaml", got)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Decisions) != 2 || back.Decisions[0].Doc != "P03/helped" || !back.Decisions[1].At.Equal(when) {
		t.Errorf("read back %+v", back.Decisions)
	}
	again, _ := back.Marshal()
	if string(again) != string(got) {
		t.Errorf("second round trip differs:\n%s", again)
	}
}

func TestParseEmpty(t *testing.T) {
	for _, s := range []string{"", "\n\n", "# only a comment\n", "version: 1\ndecisions: []\n"} {
		f, err := Parse("privacy.yaml", []byte(s))
		if err != nil || len(f.Decisions) != 0 || f.Version != 1 {
			t.Errorf("%q: got %+v, %v", s, f, err)
		}
	}
}

func TestParseProblems(t *testing.T) {
	good := decision("P01/helped", "0123456789ab", 0, 5, KindName, ActionAllow, "ok")
	src := `version: 1
decisions:
  - finding: 0000000000
    doc: P03/helped
    hash: 9C1F
    start: 10
    end: 5
    kind: nickname
    action: keep
    by: alice
    at: 2025-03-14T10:00:00Z
  - finding: ` + good.Finding + `
    doc: P01/helped
    hash: 0123456789ab
    start: 0
    end: 5
    kind: name
    action: redact
    by: alice
    at: 2025-03-14T10:00:00Z
    colour: blue
  - finding: 1111111111
    doc: P01/helped
    hash: 0123456789ab
    start: 0
    end: 5
    kind: name
    action: allow
    by: ""
    at: 2025-03-14T10:00:00Z
  - finding: 2222222222
    doc: P01/helped
    hash: 0123456789ab
    start: 0
    end: 5
    kind: name
    action: redact
    by: bob
    at: 2025-03-14T10:00:00Z
`
	_, err := Parse("privacy.yaml", []byte(src))
	l := problem.Of(err)
	if l == nil {
		t.Fatalf("want problems, got %v", err)
	}
	// Positions counted by hand: "    hash: " is ten characters, so the
	// value starts in column 11; "    end: " is nine, "    kind: " ten,
	// "    action: " twelve, "    by: " eight. The third entry starts on
	// line 22, the fourth on line 31.
	want := []string{
		"privacy.yaml:21:5: unknown key \"colour\"",
		"privacy.yaml:5:11: decision 1: \"hash\" \"9C1F\"",
		"privacy.yaml:7:10: decision 1: span 10-5",
		"privacy.yaml:8:11: decision 1: kind \"nickname\" is not known",
		"privacy.yaml:9:13: decision 1: action \"keep\"",
		// A missing key is reported at its entry.
		"privacy.yaml:22:5: decision 3: an allow decision needs a memo",
		"privacy.yaml:29:9: decision 3: \"by\" must name who decided",
		// "  - finding: " is thirteen characters.
		"privacy.yaml:31:14: decision 4: finding id \"2222222222\" does not match",
	}
	if len(l) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(l), len(want), err)
	}
	for i, w := range want {
		if got := l[i].Error(); !strings.HasPrefix(got, w) {
			t.Errorf("problem %d:\n got  %s\n want %s…", i+1, got, w)
		}
	}
}

func TestParseDuplicate(t *testing.T) {
	d := decision("P01/helped", "0123456789ab", 0, 5, KindName, ActionRedact, "")
	f := &File{Decisions: []Decision{d, d}}
	b, err := (&File{Decisions: []Decision{d}}).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	entry := string(b[strings.Index(string(b), "  - finding"):])
	_, err = Parse("p.yaml", append(b, entry...))
	if err == nil || !strings.Contains(err.Error(), "decided twice (first in decision 1)") {
		t.Errorf("got %v", err)
	}
	if err := f.Validate(); err == nil {
		t.Error("Validate accepted a duplicate")
	}
}

func TestParseSyntax(t *testing.T) {
	_, err := Parse("p.yaml", []byte("version: 1\ndecisions:\n  - doc: [unclosed\n"))
	l := problem.Of(err)
	if l == nil || l[0].Line == 0 || !strings.Contains(err.Error(), "YAML syntax") {
		t.Errorf("got %v", err)
	}
	_, err = Parse("p.yaml", []byte("version: two\n"))
	if err == nil || !strings.Contains(err.Error(), "p.yaml:1") {
		t.Errorf("got %v", err)
	}
	_, err = Parse("p.yaml", []byte("version: 2\n"))
	if err == nil || !strings.Contains(err.Error(), "version 2 is not known") {
		t.Errorf("got %v", err)
	}
}

func TestDecide(t *testing.T) {
	a := decision("P02/helped", "0123456789ab", 0, 5, KindName, ActionRedact, "")
	b := decision("P01/helped", "0123456789ab", 3, 9, KindDate, ActionRedact, "")
	in := []Decision{a}
	out := Decide(in, b)
	if len(in) != 1 || in[0] != a {
		t.Error("Decide changed its argument")
	}
	if len(out) != 2 || out[0].Doc != "P01/helped" || out[1].Doc != "P02/helped" {
		t.Errorf("got %+v", out)
	}
	// The same key again replaces, whatever the action.
	a2 := a
	a2.Action, a2.Memo, a2.By = ActionAllow, "consent given", "bob"
	out = Decide(out, a2)
	if len(out) != 2 || out[1].Action != ActionAllow || out[1].By != "bob" {
		t.Errorf("got %+v", out)
	}
	out = Without(out, a.Key())
	if len(out) != 1 || out[0].Doc != "P01/helped" {
		t.Errorf("Without: got %+v", out)
	}
}

func TestLoadSave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "privacy.yaml")
	f, err := Load(path)
	if err != nil || len(f.Decisions) != 0 {
		t.Fatalf("missing file: %+v, %v", f, err)
	}
	f.Decisions = Decide(f.Decisions, decision("P01/helped", "0123456789ab", 0, 5, KindName, ActionRedact, ""))
	if err := Save(path, f); err != nil {
		t.Fatal(err)
	}
	back, err := Load(path)
	if err != nil || !reflect.DeepEqual(back.Decisions, f.Decisions) {
		t.Fatalf("read back %+v, %v", back, err)
	}
	// A bad decision is not written, and the file on disk stays as it was.
	before, _ := os.ReadFile(path)
	bad := &File{Decisions: append(back.Decisions, Decision{Doc: "P01/helped", Action: "keep"})}
	err = Save(path, bad)
	if problem.Of(err) == nil {
		t.Errorf("Save of a bad file: %v", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(before) {
		t.Error("a failed Save changed the file")
	}
	if _, err := Load(filepath.Join(path, "sub")); err == nil || errors.Is(err, os.ErrNotExist) {
		t.Errorf("reading below a file: %v", err)
	}
}
