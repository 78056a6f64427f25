package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// P01/helped begins "Meeting other people who live with pain": "Meeting"
// is code points 0-7, "other" 8-13, "people" 14-20. P01/improve begins
// "More time": "More" is 0-4.

func segmentAt(t *testing.T, d *driver, doc string, start, end int) (coding.Segment, bool) {
	t.Helper()
	return d.m.coder.Session().FindSpan(doc, start, end)
}

func TestCodeUndoRedo(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	d.mustShow("newcomer is new: added as a coder")
	d.keys("2", "enter", "v", "w", "w", "c")
	d.mustShow("Code 0-13 as")
	d.typeText("tui-smoke")
	d.keys("enter")
	seg, ok := segmentAt(t, d, "P01/helped", 0, 13)
	if !ok || !slices.Equal(seg.Codes, []string{"tui-smoke"}) {
		t.Fatalf("no segment 0-13 coded tui-smoke: %+v", seg)
	}
	s := d.m.coder.Session()
	if !s.Reviewed("P01/helped") || !s.IsRead("P01/helped") {
		t.Fatal("coding an answer marks it read and reviewed")
	}
	if !d.m.ctx.Codebook().IsCode("tui-smoke") {
		t.Fatal("the new code is not in the codebook")
	}
	d.mustShow("0-13 tui-smoke “Meeting other”")

	// One undo takes back the segment, the reviewed mark and the new code.
	d.keys("u")
	if _, ok := segmentAt(t, d, "P01/helped", 0, 13); ok {
		t.Fatal("undo left the segment")
	}
	if s.Reviewed("P01/helped") || d.m.ctx.Codebook().Find("tui-smoke") != nil {
		t.Fatal("undo left the reviewed mark or the code")
	}
	if !s.IsRead("P01/helped") {
		t.Fatal("undo of a coding action unmarked the answer as read")
	}
	d.keys("ctrl+r")
	if _, ok := segmentAt(t, d, "P01/helped", 0, 13); !ok || !d.m.ctx.Codebook().IsCode("tui-smoke") {
		t.Fatal("redo did not code the span again with the code")
	}

	// c then enter reapplies the last code, on the next answer.
	d.keys("n", "v", "w", "c", "enter")
	if seg, ok := segmentAt(t, d, "P01/improve", 0, 4); !ok || !slices.Equal(seg.Codes, []string{"tui-smoke"}) {
		t.Fatalf("c enter did not reapply tui-smoke to P01/improve 0-4: %+v", seg)
	}
}

func TestSegmentEdits(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	d.keys("2", "enter", "v", "w", "w", "c")
	d.typeText("first")
	d.keys("enter", "left", "left")
	seg, _ := segmentAt(t, d, "P01/helped", 0, 13)
	s := d.m.coder.Session()

	// Adjust: e puts the selection on the segment; w extends it to the end
	// of "people" (20); enter applies.
	d.keys("home", "e", "w", "enter")
	if got, _ := s.Segment(seg.ID); got.Start != 0 || got.End != 20 {
		t.Fatalf("adjusted to %d-%d, want 0-20", got.Start, got.End)
	}
	d.keys("u")
	if got, _ := s.Segment(seg.ID); got.End != 13 {
		t.Fatalf("undo of adjust left %d-%d", got.Start, got.End)
	}

	// Recode keeps the span and the memo; undo puts the old code back.
	d.keys("m")
	d.typeText("a memo")
	d.keys("enter", "r")
	d.typeText("second")
	d.keys("enter")
	got, _ := s.Segment(seg.ID)
	if !slices.Equal(got.Codes, []string{"second"}) || got.Memo != "a memo" {
		t.Fatalf("recoded segment %+v, want codes [second] and the memo kept", got)
	}
	d.keys("u")
	if got, _ := s.Segment(seg.ID); !slices.Equal(got.Codes, []string{"first"}) {
		t.Fatalf("undo of recode left %v", got.Codes)
	}

	// Remove, then undo restores the segment with its id and memo.
	d.keys("x")
	if _, ok := s.Segment(seg.ID); ok {
		t.Fatal("x left the segment")
	}
	d.keys("u")
	if got, ok := s.Segment(seg.ID); !ok || got.Memo != "a memo" || got.End != 13 {
		t.Fatalf("undo of remove gave %+v", got)
	}
	d.keys("u")
	if got, _ := s.Segment(seg.ID); got.Memo != "" {
		t.Fatalf("undo of the memo left %q", got.Memo)
	}
}

func TestSelectByCharacters(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	// shift+right selects by character without snapping: "Mee" is 0-3.
	d.keys("2", "enter", "shift+right", "shift+right", "shift+right", "c")
	d.mustShow("Code 0-3 as")
	d.keys("esc", "esc")
	// b shrinks a word selection back to the end of the word before.
	d.keys("v", "w", "w", "b", "c")
	d.mustShow("Code 0-7 as")
}

func TestAutocodeIsOneStep(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	// The sample's answers hold "session" or "sessions" 5 times, in 5
	// answers (counted with the regexp below, case-insensitive).
	want := 0
	re := regexp.MustCompile(`(?i)\bsessions?\b`)
	for _, doc := range d.m.ctx.Docs {
		want += len(re.FindAllStringIndex(doc.Text, -1))
	}
	if want != 5 {
		t.Fatalf("the sample has %d hits of session(s), not 5: fix the test's comment", want)
	}
	d.keys("2", "A")
	d.typeText("session")
	d.keys("enter")
	d.typeText("timing")
	d.keys("enter")
	d.mustShow("5 spans in 5 answers")
	// Leave one hit out: space toggles it.
	d.keys("space", "enter")
	n := len(d.m.coder.Session().SegmentsWith("timing"))
	if n != 4 {
		t.Fatalf("autocode made %d segments, want 4 (5 hits, one left out)", n)
	}
	d.keys("u")
	if n := len(d.m.coder.Session().SegmentsWith("timing")); n != 0 || d.m.ctx.Codebook().Find("timing") != nil {
		t.Fatalf("one undo left %d segments (or the code) of the autocode", n)
	}
	if p := d.m.coder.Session().Progress(); p.Reviewed != 0 {
		t.Fatalf("undo left %d answers reviewed", p.Reviewed)
	}
}

func TestFamiliariseMarksRead(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "carol")
	d.keys("1", "enter", "n")
	s := d.m.coder.Session()
	if !s.IsRead("P01/helped") || !s.IsRead("P01/improve") || s.Reviewed("P01/helped") {
		t.Fatal("opening answers marks them read, and only read")
	}
	d.mustShow("read 2/39 answers")
	// The unread filter leaves 39 - 2 = 37 answers.
	d.keys("esc", "r")
	d.mustShow("Answers (37)")
	d.keys("r")
	d.mustShow("Answers (2)")
}

func TestSearchFilters(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "carol")
	d.keys("1", "/")
	d.typeText("week")
	d.keys("enter")
	// "week" or "weeks" is in 6 answers (see TestAutocodeIsOneStep for
	// how such counts were made).
	d.mustShow("Answers (6)")
	d.keys("x")
	d.mustShow("Answers (39)")
}

func TestReadOnlyRefusesEdits(t *testing.T) {
	b := sampleStudy(t)
	// Another mixeval holds alice's coding: a second Study stands for it.
	elsewhere, err := backend.Open(b.Dir(), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other, err := elsewhere.OpenCoder("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	before := other.Session().Progress()
	d := newDriver(t, b, "alice")
	d.mustShow("READ-ONLY")
	d.keys("2", "enter", "v")
	if msg, isErr := d.m.Status(); !isErr || !strings.Contains(msg, "select is off: read-only: alice's coding is open in another mixeval") {
		t.Fatalf("status %q", msg)
	}
	d.keys("3", "t")
	if msg, _ := d.m.Status(); !strings.Contains(msg, "new theme is off") {
		t.Fatalf("status %q", msg)
	}
	if other.Session().Progress() != before {
		t.Fatal("the read-only UI changed the coding")
	}
}

func TestThemeOperations(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	d.keys("3", "t")
	d.typeText("Feeling heard")
	d.keys("enter")
	cb := d.m.ctx.Codebook()
	if n := cb.Find("feeling-heard"); n == nil || len(cb.Themes) != 4 {
		t.Fatalf("theme not created at the top level (%d top-level themes)", len(cb.Themes))
	}
	// Row 3 is not-alone; G is the new theme.
	d.keys("g", "j", "j", "x", "G", "v")
	if p := d.m.ctx.Codebook().Parent("not-alone"); p == nil || p.ID != "feeling-heard" {
		t.Fatal("not-alone was not moved under feeling-heard")
	}
	d.keys("u")
	if p := d.m.ctx.Codebook().Parent("not-alone"); p == nil || p.ID != "connection" {
		t.Fatal("undo did not move not-alone back under connection")
	}

	// Merge wish-for-contact (row 4) into not-alone (row 3): alice's and
	// bob's one wish-for-contact segment each follow, and undo brings them
	// back.
	d.keys("g", "j", "j", "j", "m", "k", "m")
	if d.m.ctx.Codebook().Find("wish-for-contact") != nil {
		t.Fatal("merge left wish-for-contact")
	}
	bob, err := b.ReadCoding("bob")
	if err != nil {
		t.Fatal(err)
	}
	if n := countCode(bob, "wish-for-contact"); n != 0 {
		t.Fatalf("bob still has %d wish-for-contact segments", n)
	}
	d.keys("u")
	bob, _ = b.ReadCoding("bob")
	if d.m.ctx.Codebook().Find("wish-for-contact") == nil || countCode(bob, "wish-for-contact") != 1 ||
		len(d.m.coder.Session().SegmentsWith("wish-for-contact")) != 1 {
		t.Fatal("undo of the merge did not bring back the code and its two segments")
	}
}

func countCode(f *coding.File, code string) int {
	n := 0
	for _, s := range f.Segments {
		if s.HasCode(code) {
			n++
		}
	}
	return n
}

func TestDefineAndPin(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	// Row 2 of the define list is the subtheme connection.
	d.keys("5", "j", "e", "ctrl+u")
	d.typeText("Links with others who know.")
	d.keys("enter")
	if n := d.m.ctx.Codebook().Find("connection"); n.Definition != "Links with others who know." {
		t.Fatalf("definition %q", n.Definition)
	}
	d.keys("i")
	d.typeText("talk of others")
	d.keys("enter")
	if n := d.m.ctx.Codebook().Find("connection"); n.Scope == nil || n.Scope.Include != "talk of others" || n.Definition != "Links with others who know." {
		t.Fatalf("include %+v, definition %q", n.Scope, n.Definition)
	}
	// p lists connection's extracts (alice's segments under not-alone and
	// wish-for-contact); enter pins the first. The sample already pins one
	// quote on connection (P01/helped 125-204, docs/sample-study.md).
	pinned := len(d.m.ctx.Codebook().Find("connection").Exemplars)
	d.keys("p", "enter")
	n := d.m.ctx.Codebook().Find("connection")
	if len(n.Exemplars) != pinned+1 || !hasExemplar(n.Exemplars, "alice", "P01/helped", 57, 119) {
		t.Fatalf("exemplars %+v", n.Exemplars)
	}
	d.mustShow(fmt.Sprintf("pinned quotes (%d)", pinned+1))
	d.keys("P", "enter")
	if n := d.m.ctx.Codebook().Find("connection"); len(n.Exemplars) != pinned {
		t.Fatalf("unpin left %+v", n.Exemplars)
	}
	d.keys("u")
	if n := d.m.ctx.Codebook().Find("connection"); len(n.Exemplars) != pinned+1 {
		t.Fatal("undo of unpin did not put the quote back")
	}
}

func hasExemplar(es []codebook.Exemplar, coder, doc string, start, end int) bool {
	for _, e := range es {
		if e.Coder == coder && e.Document == doc && e.Start == start && e.End == end {
			return true
		}
	}
	return false
}

func TestReconcileDecision(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	d.keys("4", "v", "v", "v", "v")
	d.mustShow("Review: reconcile")
	d.keys("a")
	c, err := reconcile.Load(b.Dir())
	if err != nil {
		t.Fatal(err)
	}
	decided := 0
	for _, it := range c.Items {
		if it.Decision != nil {
			decided++
			if it.Decision.Kind != reconcile.AcceptA {
				t.Fatalf("decision %s", it.Decision.Kind)
			}
		}
	}
	if decided != 1 {
		t.Fatalf("%d decisions, want 1", decided)
	}
	d.keys("u")
	c, _ = reconcile.Load(b.Dir())
	for _, it := range c.Items {
		if it.Decision != nil {
			t.Fatal("undo left the decision")
		}
	}
	// An edited span with a memo: the first item is P01/improve
	// wish-for-contact, alice 37-65 and bob none; keep 37-50.
	d.keys("m")
	d.typeText("partly")
	d.keys("enter", "e")
	d.typeText("37-50")
	d.keys("enter")
	c, _ = reconcile.Load(b.Dir())
	found := false
	for _, it := range c.Items {
		if d := it.Decision; d != nil {
			found = true
			if d.Kind != reconcile.Edit || d.Span.Start != 37 || d.Span.End != 50 || d.Memo != "partly" || it.Document != "P01/improve" {
				t.Fatalf("decision %+v on %s", d, it.Document)
			}
		}
	}
	if !found {
		t.Fatal("the edit was not recorded")
	}
}

func TestIdleFoldWritesTheFile(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	d.keys("2", "enter", "v", "w", "c")
	d.typeText("folded")
	d.keys("enter")
	path := b.Layout().CoderFile("newcomer")
	if _, err := os.Stat(path); err == nil {
		t.Fatal("the coder file exists before the fold: the test proves nothing")
	}
	d.send(idleMsg{seq: d.m.actionSeq})
	f, err := coding.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Segments) != 1 || f.Segments[0].Codes[0] != "folded" {
		t.Fatalf("after the idle fold the file holds %+v", f.Segments)
	}
}

func TestQuit(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	d.keys("2", "enter", "v", "w", "c")
	d.typeText("q")
	if d.quit {
		t.Fatal("q typed into the picker quit")
	}
	d.keys("esc", "q")
	if !d.quit {
		t.Fatal("q did not quit")
	}
}

func TestScreensFitTheTerminal(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	for _, size := range [][2]int{{80, 24}, {60, 20}, {120, 40}} {
		d.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		for _, phase := range []string{"1", "2", "3", "4", "5", "6", "7"} {
			d.keys(phase)
			if phase == "2" {
				d.keys("enter")
			}
			lines := strings.Split(d.m.View().Content, "\n")
			if len(lines) != size[1] {
				t.Errorf("%dx%d phase %s: %d lines", size[0], size[1], phase, len(lines))
			}
			for i, l := range lines {
				if w := ansi.StringWidth(l); w > size[0] {
					t.Errorf("%dx%d phase %s line %d is %d cells wide: %q", size[0], size[1], phase, i, w, ansi.Strip(l))
				}
			}
			if phase == "2" {
				d.keys("esc")
			}
		}
	}
}

// TestWhoIsCoding: without a coder the UI asks; a new name is added to
// mixeval.yaml and its coding opened.
func TestWhoIsCoding(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "")
	d.mustShow("Who is coding?")
	d.mustShow("alice")
	// alice, bob, then "new coder…".
	d.keys("j", "j", "enter")
	d.typeText("dana")
	d.keys("enter")
	d.mustShow("coder dana")
	d.mustShow("dana is new: added as a coder")
	if !slices.Contains(b.Manifest().Manifest.Coders, "dana") {
		t.Fatal("dana is not in mixeval.yaml")
	}
	d.keys("2", "enter", "v", "w", "c")
	d.typeText("chosen")
	d.keys("enter")
	if len(d.m.coder.Session().SegmentsWith("chosen")) != 1 {
		t.Fatal("the chosen coder's coding was not opened for writing")
	}
}

// TestMouseSelects drags over "Meeting" (cells 1-7 of the answer's first
// line, which starts at screen row 3 + 2) and codes it: 0-7.
func TestMouseSelects(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "newcomer")
	d.keys("2", "enter")
	y := headerLines + 2
	d.send(tea.MouseClickMsg{X: 1, Y: y, Button: tea.MouseLeft})
	d.send(tea.MouseMotionMsg{X: 8, Y: y, Button: tea.MouseLeft})
	d.send(tea.MouseReleaseMsg{X: 8, Y: y, Button: tea.MouseLeft})
	d.keys("c")
	d.mustShow("Code 0-7 as")
}

// TestQuitWhileWriting: q while a change is being written asks; n stays,
// and once the change is saved q quits without asking.
func TestQuitWhileWriting(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	release := make(chan struct{})
	cmd := d.m.ctx.Actions.Do("test", "a slow change", func() (*Step, any, error) {
		<-release
		return nil, nil, nil
	})
	d.keys("q")
	if d.quit {
		t.Fatal("q quit while a change was being written")
	}
	if msg, _ := d.m.Status(); !strings.Contains(msg, "quit once it is saved?") {
		t.Fatalf("status %q", msg)
	}
	d.keys("n")
	close(release)
	d.run(cmd)
	d.keys("q")
	if !d.quit {
		t.Fatal("q did not quit once the change was saved")
	}
}

// TestSeesColleaguesCodebook: a code another process adds shows in the
// themes page at the next look (pollMsg), without restarting.
func TestSeesColleaguesCodebook(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	d.keys("3")
	d.mustShow("every code is in a theme")
	other, err := backend.Open(b.Dir(), backend.Options{Who: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.AddNode(backend.NodeSpec{Kind: codebook.Code, Name: "From bob"}); err != nil {
		t.Fatal(err)
	}
	d.send(pollMsg{})
	d.mustShow("· from-bob")
}

// TestReadOnlyFollows: a read-only UI shows the other mixeval's new
// segments at the next look.
func TestReadOnlyFollows(t *testing.T) {
	b := sampleStudy(t)
	elsewhere, err := backend.Open(b.Dir(), backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	other, err := elsewhere.OpenCoder("alice")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	d := newDriver(t, b, "alice")
	before := d.m.ctx.Coding.Progress().Segments
	if _, err := other.Code(backend.CodeRequest{Doc: "P02/online", Start: 0, End: 4, Codes: []string{"brief"}, New: true}); err != nil {
		t.Fatal(err)
	}
	d.send(pollMsg{})
	if got := d.m.ctx.Coding.Progress().Segments; got != before+1 {
		t.Fatalf("the read-only view has %d segments, want %d", got, before+1)
	}
}

// TestClickTab: a click on "3 Themes" in the tab line shows it. The line
// is " " + " 1 Familiarise " (columns 1-15) + " 2 Code " (16-23) +
// " 3 Themes " (24-33).
func TestClickTab(t *testing.T) {
	d := newDriver(t, sampleStudy(t), "alice")
	d.send(tea.MouseClickMsg{X: 23, Y: 1, Button: tea.MouseLeft})
	if d.m.Active() != PhaseCode {
		t.Fatalf("phase %d after clicking the end of the Code tab", d.m.Active())
	}
	d.send(tea.MouseClickMsg{X: 24, Y: 1, Button: tea.MouseLeft})
	if d.m.Active() != PhaseThemes {
		t.Fatalf("phase %d after clicking the Themes tab", d.m.Active())
	}
}

// Write up's e and R write themes.md and report.html in the study folder
// through the personal-data guard (the sample scans clean).
func TestWriteUpExports(t *testing.T) {
	b := sampleStudy(t)
	d := newDriver(t, b, "alice")
	d.keys("6", "e")
	d.mustShow("wrote themes.md")
	themes, err := os.ReadFile(filepath.Join(b.Dir(), "themes.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The sample's first theme and one of its pinned quotes (alice's
	// P01/helped 125-204, docs/sample-study.md).
	if !strings.Contains(string(themes), "Sense of belonging") || !strings.Contains(string(themes), "hearing the others describe the very same things") {
		t.Errorf("themes.md lacks the first theme or its pinned quote:\n%.400s", themes)
	}
	d.keys("R")
	d.mustShow("wrote report.html")
	html, err := os.ReadFile(filepath.Join(b.Dir(), "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(html), "Clinically significant change") {
		t.Error("report.html lacks the joint display")
	}
}
