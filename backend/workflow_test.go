package backend

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/corpus"
	"github.com/mixeval/mixeval/thematic/index"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// The form of the workflow test: four respondents, one question.
//
//	P1 "The group felt safe."          (20 code points)
//	P2 "Breathing daily helped."       (23)
//	P3 "Safe to share, safe to cry."   (27)
//	P4 "Nothing to add."               (15)
const workflowForm = "Respondent,What helped?,Group\n" +
	"P1,The group felt safe.,1\n" +
	"P2,Breathing daily helped.,1\n" +
	"P3,\"Safe to share, safe to cry.\",2\n" +
	"P4,Nothing to add.,2\n"

func newWorkflowStudy(t *testing.T) *Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := study.Init(dir); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Who: "lead", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	form := filepath.Join(t.TempDir(), "form.csv")
	if err := os.WriteFile(form, []byte(workflowForm), 0o644); err != nil {
		t.Fatal(err)
	}
	res, _, _, err := b.Import(corpus.ImportOptions{Path: form, ID: "Respondent",
		Texts: []corpus.TextMapping{{Column: "What helped?", Label: "helped"}}, Attrs: []string{"Group"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Documents) != 4 {
		t.Fatalf("%d documents imported, want 4", len(res.Documents))
	}
	for _, c := range []string{"alice", "bob"} {
		if _, err := b.AddCoder(c); err != nil {
			t.Fatal(err)
		}
	}
	return b
}

func fixedNow() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }

// TestWorkflowThroughTheAPI drives import → search → code → review →
// codebook merge → agree → reconcile → validate through the backend alone.
func TestWorkflowThroughTheAPI(t *testing.T) {
	b := newWorkflowStudy(t)

	// Search: "safe" (stemmed) is in P1 and P3; P3 twice.
	res, ix, err := b.Search("safe", index.SearchOptions{}, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ix.Close()
	var hits []string
	for _, h := range res.Hits {
		hits = append(hits, h.Doc)
	}
	slices.Sort(hits)
	if !slices.Equal(hits, []string{"P1/helped", "P3/helped"}) {
		t.Fatalf("hits %v", hits)
	}

	// An unknown code is refused with the nearest codes; --new creates it.
	alice, err := b.OpenCoder("alice")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := alice.Code(CodeRequest{Doc: "P1/helped", Start: 15, End: 19, Codes: []string{"safety"}}); err == nil {
		t.Fatal("an unknown code was accepted without New")
	}
	// "safe" in P1 is code points 15-19 ("The group felt " is 15).
	r, err := alice.Code(CodeRequest{Doc: "P1/helped", Start: 15, End: 19, Codes: []string{"safety"}, New: true})
	if err != nil {
		t.Fatal(err)
	}
	if r.Quote != "safe" || !slices.Equal(r.Created, []string{"safety"}) {
		t.Fatalf("code: %+v", r)
	}
	var unknown *UnknownCodeError
	if _, err := alice.Code(CodeRequest{Doc: "P1/helped", Start: 0, End: 3, Codes: []string{"safty"}}); !asError(err, &unknown) || !slices.Contains(unknown.Nearest, "safety") {
		t.Fatalf("misspelled code: %v", err)
	}
	// Autocode "safe" as the sentence around it, for alice: P1 (0-20) and
	// P3 (0-27, one sentence).
	plan, err := alice.PlanAutocode(AutocodeRequest{Query: "safe", Codes: []string{"feeling-safe"}, Unit: codeops.UnitSentence, New: true}, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Requests) != 2 || plan.Added != 2 || !slices.Equal(plan.Missing, []string{"feeling-safe"}) {
		t.Fatalf("plan %d requests, %d added, missing %v", len(plan.Requests), plan.Added, plan.Missing)
	}
	if _, _, err := alice.ApplyAutocode(plan); err != nil {
		t.Fatal(err)
	}
	// alice reads P2 and P4 and codes nothing there.
	if err := alice.Review("P2/helped", "P4/helped"); err != nil {
		t.Fatal(err)
	}
	if err := alice.Close(); err != nil {
		t.Fatal(err)
	}

	// bob codes "safe" in P1 and P3 with safety, reviews all four.
	bob, err := b.OpenCoder("bob")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []CodeRequest{
		{Doc: "P1/helped", Start: 15, End: 19, Codes: []string{"safety"}},
		{Doc: "P3/helped", Start: 0, End: 4, Codes: []string{"safety"}},
	} {
		if _, err := bob.Code(q); err != nil {
			t.Fatal(err)
		}
	}
	if err := bob.Review("P2/helped", "P4/helped"); err != nil {
		t.Fatal(err)
	}
	if err := bob.Close(); err != nil {
		t.Fatal(err)
	}

	// Merge feeling-safe into safety: alice's two segments follow.
	cr, err := b.MergeNodes([]string{"feeling-safe"}, "safety")
	if err != nil {
		t.Fatal(err)
	}
	if cr.Recoded["alice"] != 2 || cr.Recoded["bob"] != 0 {
		t.Fatalf("recoded %v", cr.Recoded)
	}
	f, err := b.ReadCoding("alice")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range f.Segments {
		if !slices.Equal(s.Codes, []string{"safety"}) {
			t.Errorf("alice's segment %s still has %v", s.ID, s.Codes)
		}
	}

	// Agreement on "safety", document × code presence:
	//   P1 alice 1 bob 1; P2 0 0; P3 1 1; P4 0 0 → 4 of 4 agree.
	// Cohen's kappa: po = 1, pe = (2/4)(2/4) + (2/4)(2/4) = 0.5, κ = 1.
	a, err := b.Agree(AgreeRequest{Stats: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Mode != "reflexive" || a.StatsFirst {
		t.Errorf("mode %s, stats first %v", a.Mode, a.StatsFirst)
	}
	found := false
	for _, c := range a.Report.Codes {
		if c.ID != "safety" {
			continue
		}
		found = true
		if c.Units != 4 || !c.Kappa.Defined || c.Kappa.Value != 1 {
			t.Errorf("safety: %d units, kappa %+v; want 4 units, kappa 1", c.Units, c.Kappa)
		}
	}
	if !found {
		t.Fatal("no statistics for safety")
	}

	// Reconcile: P1 both 15-19 (agreed). P3: alice 0-27, bob 0-4: 4/27 of
	// the union < 90% → an open item; and alice's P1 0-20 vs bob's 15-19
	// overlap 4/20 → an open item. Read-only writes nothing.
	rr, err := b.Reconcile(ReconcileRequest{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(b.Layout().Consensus()); !os.IsNotExist(err) {
		t.Fatal("a read-only reconcile wrote coding/consensus.yaml")
	}
	open := rr.Consensus.Open()
	if len(open) == 0 {
		t.Fatal("no open items")
	}
	var reqs []reconcile.Request
	for _, it := range open {
		reqs = append(reqs, reconcile.Request{Item: it.ID, Decision: reconcile.AcceptB})
	}
	rr, err = b.Reconcile(ReconcileRequest{Decisions: reqs})
	if err != nil || !rr.Saved {
		t.Fatalf("reconcile: %v", err)
	}
	if n := len(rr.Consensus.Open()); n != 0 {
		t.Errorf("%d items open after deciding all", n)
	}
	use, name, defaulted, err := b.UseCoding("")
	if err != nil || name != "consensus" || !defaulted || len(use.Segments) == 0 {
		t.Fatalf("UseCoding: %q %v %v", name, defaulted, err)
	}

	if ps, _ := b.Validate(); len(ps) != 0 {
		t.Fatalf("validate: %v", ps)
	}
}

func asError[T error](err error, target *T) bool {
	if err == nil {
		return false
	}
	e, ok := err.(T)
	if ok {
		*target = e
	}
	return ok
}

// TestRemapReachesEveryCoderAndTheConsensus: a merge recodes both coders'
// files and the consensus on disk before it returns; its undo puts the
// segments back; a coder file open in another session makes a merge fail
// before anything changes.
func TestRemapReachesEveryCoderAndTheConsensus(t *testing.T) {
	b := newWorkflowStudy(t)
	for _, c := range []string{"alice", "bob"} {
		s, err := b.OpenCoder(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Code(CodeRequest{Doc: "P2/helped", Start: 0, End: 9, Codes: []string{"breathing"}, New: true}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Code(CodeRequest{Doc: "P3/helped", Start: 0, End: 4, Codes: []string{"safety"}, New: true}); err != nil {
			t.Fatal(err)
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := b.Reconcile(ReconcileRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.AddNode(NodeSpec{Kind: codebook.Code, ID: "tools", Name: "Tools"}); err != nil {
		t.Fatal(err)
	}
	cbBefore, _ := os.ReadFile(b.Layout().Codebook())
	aliceBefore, _ := os.ReadFile(b.Layout().CoderFile("alice"))
	consBefore, _ := os.ReadFile(b.Layout().Consensus())

	// bob's coding open elsewhere (a second Study stands for another
	// process: the lock is per open file, as between processes).
	other, err := Open(b.Dir(), Options{Who: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	held, err := other.OpenCoder("bob")
	if err != nil {
		t.Fatal(err)
	}
	_, err = b.MergeNodes([]string{"breathing"}, "tools")
	var busy *CoderBusyError
	if !asError(err, &busy) || busy.Coder != "bob" {
		t.Fatalf("merge with bob's file held: %v", err)
	}
	cbAfter, _ := os.ReadFile(b.Layout().Codebook())
	aliceAfter, _ := os.ReadFile(b.Layout().CoderFile("alice"))
	if string(cbBefore) != string(cbAfter) || string(aliceBefore) != string(aliceAfter) {
		t.Fatal("a refused merge changed codebook.yaml or alice's file")
	}
	held.Close()

	res, err := b.MergeNodes([]string{"breathing"}, "tools")
	if err != nil {
		t.Fatal(err)
	}
	if res.Recoded["alice"] != 1 || res.Recoded["bob"] != 1 || res.Recoded["consensus"] != 1 {
		t.Fatalf("recoded %v, want one segment for each coder and one consensus item", res.Recoded)
	}
	// On disk, folded: the YAML files themselves carry the new code.
	for _, path := range []string{b.Layout().CoderFile("alice"), b.Layout().CoderFile("bob"), b.Layout().Consensus()} {
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "breathing") || !strings.Contains(string(data), "tools") {
			t.Errorf("%s not recoded:\n%s", path, data)
		}
	}
	if ps, _ := b.Validate(); len(ps) != 0 {
		t.Fatalf("validate after merge: %v", ps)
	}

	// Undo: the codebook has breathing again and the coders' segments too.
	if _, err := b.UndoCodebook(res.Undo); err != nil {
		t.Fatal(err)
	}
	cb, _ := b.Codebook()
	if cb.Find("breathing") == nil {
		t.Fatal("undo did not bring the code back")
	}
	for _, c := range []string{"alice", "bob"} {
		f, _ := b.ReadCoding(c)
		if f.SegmentsIn("P2/helped")[0].Codes[0] != "breathing" {
			t.Errorf("%s's segment not back on breathing: %v", c, f.SegmentsIn("P2/helped")[0].Codes)
		}
	}
	// The consensus is back byte for byte as it was before the merge.
	if cons, _ := os.ReadFile(b.Layout().Consensus()); string(cons) != string(consBefore) {
		t.Errorf("consensus after undo:\n%s\nwant\n%s", cons, consBefore)
	}
	if ps, _ := b.Validate(); len(ps) != 0 {
		t.Errorf("validate after undo: %v", ps)
	}
}

func importOptions(path, id, column, label string) corpus.ImportOptions {
	return corpus.ImportOptions{Path: path, ID: id, Texts: []corpus.TextMapping{{Column: column, Label: label}}}
}

// A split with assignments moves the named segments in every coder file,
// refuses an unknown segment before changing anything, and undoes whole.
func TestSplitAssignsAndUndoes(t *testing.T) {
	b := newWorkflowStudy(t)
	var segP1, segP3 string
	for _, c := range []string{"alice", "bob"} {
		s, err := b.OpenCoder(c)
		if err != nil {
			t.Fatal(err)
		}
		r1, err := s.Code(CodeRequest{Doc: "P1/helped", Start: 15, End: 19, Codes: []string{"safety"}, New: true})
		if err != nil {
			t.Fatal(err)
		}
		r3, err := s.Code(CodeRequest{Doc: "P3/helped", Start: 0, End: 4, Codes: []string{"safety"}})
		if err != nil {
			t.Fatal(err)
		}
		segP1, segP3 = r1.Segment.ID, r3.Segment.ID
		s.Close()
	}
	into := []codebook.NewNode{{Kind: codebook.Code, ID: "felt-safe", Name: "Felt safe"}, {Kind: codebook.Code, ID: "safe-to-share", Name: "Safe to share"}}
	before, _ := os.ReadFile(b.Layout().Codebook())
	if _, err := b.SplitNode(SplitRequest{ID: "safety", Into: into, Assign: map[string]string{"0000000000": "felt-safe"}}); err == nil {
		t.Fatal("an unknown segment was accepted")
	}
	if after, _ := os.ReadFile(b.Layout().Codebook()); string(after) != string(before) {
		t.Fatal("a refused split changed the codebook")
	}
	res, err := b.SplitNode(SplitRequest{ID: "safety", Into: into, Assign: map[string]string{segP3: "safe-to-share"}})
	if err != nil {
		t.Fatal(err)
	}
	// The same span has the same segment id for both coders: both move.
	if res.Recoded["alice"] != 1 || res.Recoded["bob"] != 1 {
		t.Fatalf("recoded %v", res.Recoded)
	}
	for _, c := range []string{"alice", "bob"} {
		f, _ := b.ReadCoding(c)
		if got := f.SegmentsIn("P3/helped")[0].Codes; !slices.Equal(got, []string{"safe-to-share"}) {
			t.Errorf("%s's P3 segment has %v", c, got)
		}
		if got := f.SegmentsIn("P1/helped")[0].Codes; !slices.Equal(got, []string{"safety"}) {
			t.Errorf("%s's P1 segment (%s) has %v, want it left on safety", c, segP1, got)
		}
	}
	if _, err := b.UndoCodebook(res.Undo); err != nil {
		t.Fatal(err)
	}
	cb, _ := b.Codebook()
	if cb.Find("safe-to-share") != nil || !cb.IsCode("safety") {
		t.Error("undo did not remove the new codes")
	}
	for _, c := range []string{"alice", "bob"} {
		f, _ := b.ReadCoding(c)
		if got := f.SegmentsIn("P3/helped")[0].Codes; !slices.Equal(got, []string{"safety"}) {
			t.Errorf("%s's P3 segment after undo: %v", c, got)
		}
	}
	if ps, _ := b.Validate(); len(ps) != 0 {
		t.Errorf("validate: %v", ps)
	}
}

// validate names an identifying column that no source has, at its line.
func TestValidateIdentifyingColumns(t *testing.T) {
	b := newWorkflowStudy(t)
	path := b.Layout().Manifest()
	data, _ := os.ReadFile(path)
	if err := os.WriteFile(path, append(data, []byte("identifiers:\n  columns:\n    - Group\n    - Nmae\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	b2, err := Open(b.Dir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps, _ := b2.Validate()
	if len(ps) != 1 || !strings.Contains(ps[0].Msg, `identifying column "Nmae" is in no source's columns`) || ps[0].Line == 0 {
		t.Fatalf("problems %v", ps)
	}
}
