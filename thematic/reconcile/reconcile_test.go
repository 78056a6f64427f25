package reconcile

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

var (
	t0   = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	docs = []corpus.Document{
		{ID: "p1/q", Text: "Meeting others in pain made me feel less alone."},
		{ID: "p2/q", Text: "The exercises were too long."},
		{ID: "p3/q", Text: "Breathing space every day."},
	}
)

func seg(doc string, start, end int, codes ...string) coding.Segment {
	return coding.Segment{Document: doc, Start: start, End: end, Codes: codes}
}

// alice and bob: on p1 both code connection at 0-22 (agreed) and differ at
// 31-46 vs 27-46 (19 code points, 15 shared: 79%, not agreed); on p2 only
// bob codes exercises; p3 is reviewed by alice only.
func coders() (*coding.File, *coding.File) {
	a := &coding.File{Coder: "alice", Reviewed: []string{"p2/q", "p3/q"}, Segments: []coding.Segment{
		seg("p1/q", 0, 22, "connection"), seg("p1/q", 31, 46, "connection"), seg("p3/q", 0, 9, "breathing"),
	}}
	b := &coding.File{Coder: "bob", Reviewed: []string{"p2/q"}, Segments: []coding.Segment{
		seg("p1/q", 0, 22, "connection"), seg("p1/q", 27, 46, "connection"), seg("p2/q", 4, 13, "exercises"),
	}}
	return a, b
}

func build(t *testing.T) *Consensus {
	t.Helper()
	a, b := coders()
	c := New("alice", "bob")
	res, err := c.Update(a, b, docs, Options{By: "alice", Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 3 || res.NewAgreed != 1 || res.NotReviewedByBoth != 1 {
		t.Fatalf("update %+v, want 3 new (1 agreed), 1 document waiting for bob", res)
	}
	return c
}

func TestBuildDecideUndo(t *testing.T) {
	c := build(t)
	s := c.Summary()
	if s.Items != 3 || s.Agreed != 1 || s.Open != 2 || s.Segments != 1 {
		t.Fatalf("summary %+v", s)
	}
	// The agreed item gives the union of both spans, 0-22.
	if g := c.Segments[0]; g.Document != "p1/q" || g.Start != 0 || g.End != 22 || len(g.Codes) != 1 || g.Codes[0] != "connection" {
		t.Errorf("agreed segment %+v", c.Segments[0])
	}
	open := c.Open()
	p1, p2 := open[0], open[1]
	if p1.Document != "p1/q" || p2.Code != "exercises" {
		t.Fatalf("open items %+v %+v", p1, p2)
	}
	if p1.ID != ItemID("p1/q", "connection", []triangulate.Span{{Start: 31, End: 46}}, []triangulate.Span{{Start: 27, End: 46}}) {
		t.Errorf("item id %s does not derive from document, code and spans", p1.ID)
	}
	if err := c.Decide(p1.ID, Decision{Kind: "accept-b", Memo: "bob's span keeps 'me'", By: "alice", At: t0}, nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Decide(p2.ID, Decision{Kind: Edit, Span: triangulate.Span{Start: 4, End: 27}, By: "bob", At: t0}, map[string]string{"p2/q": docs[1].Text}); err != nil {
		t.Fatal(err)
	}
	s = c.Summary()
	if s.Decided != 2 || s.ByKind[AcceptB] != 1 || s.ByKind[Edit] != 1 || s.Open != 0 || s.Segments != 3 {
		t.Fatalf("after deciding: %+v", s)
	}
	if err := c.Undo(p2.ID, "bob", t0); err != nil {
		t.Fatal(err)
	}
	if s = c.Summary(); s.Open != 1 || s.Segments != 2 {
		t.Errorf("after undo: %+v", s)
	}
	// The log holds the update, two decisions and the undo.
	var actions []string
	for _, l := range c.Log {
		actions = append(actions, l.Action)
	}
	if strings.Join(actions, ",") != "update,decide,decide,undo" {
		t.Errorf("log %v", actions)
	}
}

func TestDecideErrors(t *testing.T) {
	c := build(t)
	open := c.Open()
	agreed := c.Items[0]
	cases := []struct {
		id   string
		d    Decision
		want string
	}{
		{"0000000000", Decision{Kind: AcceptA}, "no such item"},
		{open[0].ID, Decision{Kind: "maybe"}, `decision "maybe" is not known`},
		{agreed.ID, Decision{Kind: AcceptA}, "agreed automatically"},
		{open[1].ID, Decision{Kind: Edit}, "an edit needs a span"},
		{open[1].ID, Decision{Kind: Edit, Span: triangulate.Span{Start: 4, End: 99}}, "ends beyond the text of p2/q, which has 28 code points"},
		{open[1].ID, Decision{Kind: AcceptA, Span: triangulate.Span{Start: 1, End: 2}}, "a span goes with an edit only"},
	}
	texts := map[string]string{"p2/q": docs[1].Text}
	for _, tc := range cases {
		err := c.Decide(tc.id, tc.d, texts)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Decide(%s, %+v): %v, want %q", tc.id, tc.d, err, tc.want)
		}
	}
	if err := c.Undo(open[0].ID, "x", t0); err == nil {
		t.Error("undo of an open item: no error")
	}
	if _, err := c.lookup("nope"); !errors.Is(err, ErrUnknownItem) {
		t.Errorf("lookup: %v", err)
	}
}

// Re-running after new coding keeps decisions on unchanged items, adds new
// items, and marks items whose segments changed obsolete, keeping them.
func TestUpdateKeepsDecisionsAndMarksObsolete(t *testing.T) {
	c := build(t)
	open := c.Open()
	p1, p2 := open[0].ID, open[1].ID
	c.Decide(p1, Decision{Kind: AcceptA, By: "alice", At: t0}, nil)
	c.Decide(p2, Decision{Kind: Neither, By: "alice", At: t0}, nil)

	a, b := coders()
	// bob reviews p3 and codes it like alice (a new agreed item); alice
	// changes her exercises view: she now codes p2 4-13 too, so the p2
	// group changes (its old item becomes obsolete, the new one agreed).
	b.Reviewed = append(b.Reviewed, "p3/q")
	b.Segments = append(b.Segments, seg("p3/q", 0, 9, "breathing"))
	a.Segments = append(a.Segments, seg("p2/q", 4, 13, "exercises"))
	res, err := c.Update(a, b, docs, Options{By: "bob", Now: func() time.Time { return t0.Add(time.Hour) }})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 2 || res.NewAgreed != 2 || res.Obsolete != 1 {
		t.Fatalf("second update %+v, want 2 new agreed, 1 obsolete", res)
	}
	if it := c.Item(p1); it.Status() != StatusDecided || it.Decision.Kind != AcceptA {
		t.Errorf("p1 decision lost: %+v", it)
	}
	if it := c.Item(p2); it.Status() != StatusObsolete || it.Decision == nil || it.Decision.Kind != Neither {
		t.Errorf("p2 should be obsolete with its decision kept: %+v", it)
	}
	if err := c.Decide(p2, Decision{Kind: AcceptA}, nil); err == nil || !strings.Contains(err.Error(), "obsolete") {
		t.Errorf("deciding an obsolete item: %v", err)
	}
	s := c.Summary()
	if s.Items != 4 || s.Agreed != 3 || s.Decided != 1 || s.Obsolete != 1 || s.Open != 0 {
		t.Errorf("summary %+v", s)
	}
	// Running again with nothing changed changes nothing, not even the log.
	before, _ := c.Marshal()
	if res, _ := c.Update(a, b, docs, Options{Now: func() time.Time { return t0 }}); res.New+res.Obsolete+res.Revived != 0 {
		t.Errorf("idle update %+v", res)
	}
	after, _ := c.Marshal()
	if string(after) != string(before) {
		t.Error("an idle update changed the file")
	}
	// Coders must match.
	if _, err := c.Update(b, a, docs, Options{}); err == nil || !strings.Contains(err.Error(), "reconciles alice and bob") {
		t.Errorf("swapped coders: %v", err)
	}
}

func TestSaveLoadStable(t *testing.T) {
	dir := t.TempDir()
	c := build(t)
	open := c.Open()
	c.Decide(open[0].ID, Decision{Kind: Both, Memo: "both readings: 'alone' and\n'me'", By: "alice", At: t0}, nil)
	if err := c.Save(dir); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(Path(dir))
	back, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := back.Save(dir); err != nil {
		t.Fatal(err)
	}
	second, _ := os.ReadFile(Path(dir))
	if string(first) != string(second) {
		t.Errorf("load and save changed the file:\n%s\n---\n%s", first, second)
	}
	for _, want := range []string{"coders: [alice, bob]", "status: agreed", "status: decided", "decision: both", "a: [31-46]", "b: [27-46]", "action: decide"} {
		if !strings.Contains(string(first), want) {
			t.Errorf("file lacks %q:\n%s", want, first)
		}
	}
	// The consensus read as a coding: one segment per decided or agreed span.
	if f := back.AsCoding(); f.Coder != "consensus" || len(f.Segments) != 2 {
		t.Fatalf("AsCoding: coder %q, %d segments", f.Coder, len(f.Segments))
	}
}

func TestParseErrors(t *testing.T) {
	bad := `version: 1
coders: [alice, alice]
overlap: 120
items:
  - id: xyz
    document: p1/q
    code: connection
    status: maybe
    a: [31-46]
    b: [46-30]
  - id: 0123456789
    document: p1/q
    code: c
    status: decided
    a: [1-2]
    b: []
    colour: red
log:
  - at: yesterday
    action: decide
`
	_, err := Parse("coding/consensus.yaml", []byte(bad))
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{
		`coding/consensus.yaml:17:5: unknown key "colour"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	bad = strings.Replace(bad, "    colour: red\n", "", 1)
	_, err = Parse("coding/consensus.yaml", []byte(bad))
	for _, want := range []string{
		"coding/consensus.yaml:2:9: coders must name two different coders",
		"coding/consensus.yaml:3:10: overlap 120",
		`coding/consensus.yaml:5:9: item id "xyz" is not ten hex digits`,
		`coding/consensus.yaml:8:13: status "maybe" is not known`,
		`coding/consensus.yaml:10:9: span "46-30" is not START-END`,
		"coding/consensus.yaml:14:13: item 0123456789 is decided but has no decision",
		`coding/consensus.yaml:18:9: time "yesterday" is not a date`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestDecisionsFiles(t *testing.T) {
	c := build(t)
	open := c.Open()
	csvText := "item,decision,memo,by,span\n" + open[0].ID + ",accept-b,\"discussed, agreed\",alice,\n" + open[1].ID + ",edit,,bob,4-13\n"
	reqs, err := ReadDecisions("d.csv", []byte(csvText))
	if err != nil || len(reqs) != 2 || reqs[0].Memo != "discussed, agreed" || reqs[1].Span != "4-13" || reqs[1].Where != "d.csv:3" {
		t.Fatalf("csv: %v %+v", err, reqs)
	}
	if err := c.Apply(reqs, nil, "carol", t0); err != nil {
		t.Fatal(err)
	}
	if s := c.Summary(); s.Open != 0 || s.ByKind[Edit] != 1 {
		t.Errorf("after csv: %+v", s)
	}
	// All or nothing: the second request fails, so the first is undone too.
	c = build(t)
	open = c.Open()
	yml := "decisions:\n  - item: " + open[0].ID + "\n    decision: accept-a\n  - item: ffffffffff\n    decision: neither\n"
	reqs, err = ReadDecisions("d.yaml", []byte(yml))
	if err != nil {
		t.Fatal(err)
	}
	err = c.Apply(reqs, nil, "carol", t0)
	if err == nil || !strings.Contains(err.Error(), "d.yaml:4: item \"ffffffffff\": no such item") {
		t.Errorf("apply: %v", err)
	}
	if s := c.Summary(); s.Open != 2 {
		t.Errorf("a failed file left decisions: %+v", s)
	}
	if _, err := ReadDecisions("d.csv", []byte("item,verdict\n")); err == nil || !strings.Contains(err.Error(), `column "verdict" is not known`) {
		t.Errorf("bad header: %v", err)
	}
	if _, err := ReadDecisions("d.yaml", []byte("decisions:\n  - item: x\n    verdict: y\n")); err == nil || !strings.Contains(err.Error(), "d.yaml:3:5") {
		t.Errorf("bad yaml key: %v", err)
	}
	if q, err := ParseRequest("abc=edit:3-9"); err != nil || q.Decision != "edit" || q.Span != "3-9" {
		t.Errorf("ParseRequest: %+v %v", q, err)
	}
	if _, err := ParseRequest("abc"); err == nil {
		t.Error("ParseRequest without =: no error")
	}
}

// Two reconciles at once: the second to save finds the file changed and
// writes nothing.
func TestSaveRefusesConcurrentChange(t *testing.T) {
	dir := t.TempDir()
	if err := build(t).Save(dir); err != nil {
		t.Fatal(err)
	}
	first, _ := Load(dir)
	second, _ := Load(dir)
	if err := first.Decide(first.Open()[0].ID, Decision{Kind: AcceptA, By: "alice", At: t0}, nil); err != nil {
		t.Fatal(err)
	}
	if err := first.Save(dir); err != nil {
		t.Fatal(err)
	}
	second.Decide(second.Open()[0].ID, Decision{Kind: AcceptB, By: "bob", At: t0}, nil)
	err := second.Save(dir)
	if err == nil || !strings.Contains(err.Error(), "changed while this reconcile ran") {
		t.Fatalf("second save: %v", err)
	}
	back, _ := Load(dir)
	if back.Items[1].Decision == nil || back.Items[1].Decision.Kind != AcceptA {
		t.Errorf("the first decision was lost: %+v", back.Items[1])
	}
	// Saving again after a save is fine; a new consensus does not replace
	// an existing file.
	if err := first.Save(dir); err != nil {
		t.Errorf("second save by the same process: %v", err)
	}
	if err := build(t).Save(dir); err == nil {
		t.Error("a new consensus replaced an existing file")
	}
}
