package backend

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/codebook"
	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

func openSample(t *testing.T) *Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sample")
	if err := InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Who: "lead", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func newEmptyStudy(t *testing.T) *Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "empty")
	if err := study.Init(dir); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Who: "lead", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestREFIRoundTrip: a project exported and imported into a new study
// reproduces the codebook (ids, tree, names, definitions, scopes,
// concepts, memos, exemplars), the answers (ids, texts, attributes,
// questions) and every coder's coding (spans, codes, memos, reviewed
// answers, study and answer memos). The consensus is not imported.
func TestREFIRoundTrip(t *testing.T) {
	a := openSample(t)
	memo, include := "Overlaps with safeness.", "Talk of the others."
	if _, err := a.DefineNode("not-alone", Definition{Memo: &memo, Include: &include}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Pin("sense-of-belonging", "alice", "f5ea60c10d"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Reconcile(ReconcileRequest{}); err != nil {
		t.Fatal(err)
	}
	zipped, _, err := a.ExportQDPX(ExportRequest{Origin: "mixeval test"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "sample.qdpx")
	os.WriteFile(path, zipped, 0o644)

	b := newEmptyStudy(t)
	res, err := b.ImportREFI(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.NewDocuments != 39 || res.Segments["alice"] != 32 || res.Segments["bob"] != 31 || len(res.CodesCreated) != 20 {
		t.Errorf("import: %+v", res)
	}
	if !strings.Contains(strings.Join(res.Skipped, "\n"), "consensus coding") {
		t.Errorf("the consensus was not reported as skipped: %v", res.Skipped)
	}
	sameCodebook(t, a, b)
	sameDocuments(t, a, b)
	for _, c := range []string{"alice", "bob"} {
		sameCoding(t, a, b, c)
	}

	// Importing the same project again changes nothing: every answer and
	// code is there already, every segment coded.
	again, err := b.ImportREFI(path)
	if err != nil {
		t.Fatal(err)
	}
	if again.NewDocuments != 0 || len(again.CodesCreated) != 0 || again.CodesMatched != 20 {
		t.Errorf("second import: %+v", again)
	}
	sameCoding(t, a, b, "alice")
}

// TestQDCImport: the codebook file brings the tree into a new study (ids
// from the names, as a .qdc carries no ids), and into the study it came
// from matches every node by GUID and adds none.
func TestQDCImport(t *testing.T) {
	a := openSample(t)
	qdc, _, err := a.ExportQDC(ExportRequest{Origin: "test"})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "codebook.qdc")
	os.WriteFile(path, qdc, 0o644)
	res, err := a.ImportREFI(path)
	if err != nil || len(res.CodesCreated) != 0 || res.CodesMatched != 20 {
		t.Fatalf("into the same study: %+v %v", res, err)
	}
	b := newEmptyStudy(t)
	if res, err = b.ImportREFI(path); err != nil || len(res.CodesCreated) != 20 {
		t.Fatalf("into a new study: %+v %v", res, err)
	}
	ca, _ := a.Codebook()
	cb, _ := b.Codebook()
	if got, want := treeShape(cb, false), treeShape(ca, false); got != want {
		t.Errorf("tree:\n%s\nwant\n%s", got, want)
	}
}

// TestImportOtherTool imports a project as another tool writes it (see
// refiqda's nvivoProject): a codable code with sub-codes becomes a theme
// holding a code of the same name, and the segments land on the answer's
// normalised text.
func TestImportOtherTool(t *testing.T) {
	b := newEmptyStudy(t)
	path := filepath.Join(t.TempDir(), "Interviews.qdpx")
	os.WriteFile(path, otherToolProject(t), 0o644)
	res, err := b.ImportREFI(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.NewDocuments != 1 || res.Segments["jane-smith"] != 2 || !slices.Equal(res.Coders, []string{"jane-smith"}) {
		t.Errorf("%+v", res)
	}
	d, err := b.Document("Interview 1/transcript")
	if err != nil || d.Text != "Hello there.\nThe café was calm." || d.Attributes["Age band"] != "40-49" {
		t.Fatalf("%+v %v", d, err)
	}
	f, _ := b.ReadCoding("jane-smith")
	cb, _ := b.Codebook()
	calm := cb.Find("calm")
	if calm == nil || calm.Kind != codebook.Theme || len(calm.Codes) != 2 || calm.Codes[1].Name != "Calm" {
		t.Fatalf("Calm: %+v", calm)
	}
	want := map[string]string{"café": calm.Codes[1].ID, "was calm": "odd-code"}
	for _, s := range f.Segments {
		q, _ := coding.Quote(d.Text, s)
		if want[q] == "" || !slices.Equal(s.Codes, []string{want[q]}) {
			t.Errorf("segment %q coded %v", q, s.Codes)
		}
	}
	if f.DocumentMemos[d.ID] != "Spoke slowly." {
		t.Errorf("memo %q", f.DocumentMemos[d.ID])
	}
}

func sameCodebook(t *testing.T, a, b *Study) {
	t.Helper()
	ca, _ := a.Codebook()
	cb, _ := b.Codebook()
	if got, want := treeShape(cb, true), treeShape(ca, true); got != want {
		t.Errorf("codebook after the round trip:\n%s\nwant\n%s", got, want)
	}
}

// treeShape writes a codebook's tree with every field a project carries
// (ids too when withIDs).
func treeShape(cb *codebook.Codebook, withIDs bool) string {
	var b strings.Builder
	cb.Walk(func(n, p *codebook.Node) bool {
		depth := len(cb.Path(n.ID))
		id := ""
		if withIDs {
			id = n.ID
		}
		var inc, exc string
		if n.Scope != nil {
			inc, exc = n.Scope.Include, n.Scope.Exclude
		}
		b.WriteString(strings.Repeat("  ", depth) + strings.Join([]string{id, n.Kind.String(), n.Name, n.Definition, inc, exc, n.Concept}, "|"))
		if withIDs {
			b.WriteString("|" + n.Memo)
			for _, e := range n.Exemplars {
				b.WriteString("|" + e.String() + " " + e.Code)
			}
		}
		b.WriteString("\n")
		return true
	})
	return b.String()
}

func sameDocuments(t *testing.T, a, b *Study) {
	t.Helper()
	da, _ := a.Documents()
	db, err := b.Documents()
	if err != nil || len(da) != len(db) {
		t.Fatalf("%d documents, want %d (%v)", len(db), len(da), err)
	}
	for i := range da {
		x, y := da[i], db[i]
		if x.ID != y.ID || x.Text != y.Text || x.Question != y.Question || x.Attributes["group"] != y.Attributes["group"] || x.Attributes["sessions"] != y.Attributes["sessions"] {
			t.Errorf("document %s: %+v, want %+v", x.ID, y, x)
		}
	}
	qa, qb := a.Manifest().Manifest.Sources[0].Questions, b.Manifest().Manifest.Sources[0].Questions
	for i := range qa {
		if qa[i].Label != qb[i].Label || qa[i].Text != qb[i].Text {
			t.Errorf("question %d: %+v, want %+v", i, qb[i], qa[i])
		}
	}
}

func sameCoding(t *testing.T, a, b *Study, coder string) {
	t.Helper()
	fa, _ := a.ReadCoding(coder)
	fb, err := b.ReadCoding(coder)
	if err != nil {
		t.Fatal(err)
	}
	key := func(f *coding.File) []string {
		var out []string
		for _, s := range f.Segments {
			out = append(out, strings.Join([]string{s.Document, itoa(s.Start), itoa(s.End), strings.Join(s.Codes, ","), s.Memo}, "|"))
		}
		slices.Sort(out)
		return out
	}
	if got, want := key(fb), key(fa); !slices.Equal(got, want) {
		t.Errorf("%s's segments:\n%v\nwant\n%v", coder, got, want)
	}
	if !slices.Equal(fa.Reviewed, fb.Reviewed) || fa.Memo != fb.Memo || len(fa.DocumentMemos) != len(fb.DocumentMemos) {
		t.Errorf("%s: reviewed, study memo or answer memos differ", coder)
	}
	for d, m := range fa.DocumentMemos {
		if fb.DocumentMemos[d] != m {
			t.Errorf("%s's memo on %s: %q, want %q", coder, d, fb.DocumentMemos[d], m)
		}
	}
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0)) + fmtInt(i) }

func fmtInt(i int) string {
	if i == 0 {
		return "0"
	}
	var b []byte
	for ; i > 0; i /= 10 {
		b = append([]byte{byte('0' + i%10)}, b...)
	}
	return string(b)
}
