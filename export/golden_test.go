package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/export/refiqda"
	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

func fixedNow() time.Time { return time.Date(2026, 3, 20, 12, 0, 0, 0, time.UTC) }

// sampleStudy copies the bundled sample study, pins two exemplars (one on
// a theme, one on a code) and writes a memo on a code, so that every part
// of the exports has something to show.
func sampleStudy(t *testing.T) *backend.Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "sample")
	if err := backend.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	b, err := backend.Open(dir, backend.Options{Who: "lead", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	// alice's segment f5ea60c10d: P01/helped 125-204, coded not-alone.
	if _, err := b.Pin("sense-of-belonging", "alice", "f5ea60c10d"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Pin("not-alone", "alice", "f5ea60c10d"); err != nil {
		t.Fatal(err)
	}
	memo := "Overlaps with safeness: check with bob."
	if _, err := b.DefineNode("not-alone", backend.Definition{Memo: &memo}); err != nil {
		t.Fatal(err)
	}
	return b
}

func req() backend.ExportRequest { return backend.ExportRequest{Origin: "mixeval test"} }

// TestGolden writes every export of the sample study in every format and
// compares it with testdata/golden (go test -update rewrites them; review
// the diff). Each quote is checked against the coder files: its text is
// the answer's code points [start, end), sliced here by hand.
func TestGolden(t *testing.T) {
	b := sampleStudy(t)
	golden := map[string][]byte{}
	write := func(name string, w interface {
		Write(io.Writer, export.Format) error
	}, f export.Format) {
		var buf bytes.Buffer
		if err := w.Write(&buf, f); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		golden[name] = buf.Bytes()
	}
	themes, _, err := b.ExportThemes(backend.ThemesRequest{ExportRequest: req(), ThemeOptions: export.ThemeOptions{Quotes: export.AllQuotes}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range export.ThemeFormats {
		write("themes."+string(f), themes, f)
	}
	codes, _, err := b.ExportThemes(backend.ThemesRequest{ExportRequest: req(), ThemeOptions: export.ThemeOptions{Quotes: 1, Codes: true}})
	if err != nil {
		t.Fatal(err)
	}
	write("themes-codes-1.md", codes, export.Markdown)
	segs, _, err := b.ExportSegments(backend.ExportRequest{Coding: "bob", Origin: "mixeval test"})
	if err != nil {
		t.Fatal(err)
	}
	write("segments-bob.csv", segs, export.CSV)
	write("segments-bob.json", segs, export.JSON)
	for _, o := range []export.MatrixOptions{{By: "respondent", Level: "theme"}, {By: "document", Level: "code", Counts: true}} {
		m, _, err := b.ExportMatrix(backend.MatrixRequest{ExportRequest: req(), MatrixOptions: o})
		if err != nil {
			t.Fatal(err)
		}
		write("matrix-"+o.By+"-"+o.Level+".csv", m, export.CSV)
	}
	memos, _, err := b.ExportMemos(req())
	if err != nil {
		t.Fatal(err)
	}
	write("memos.csv", memos, export.CSV)
	write("memos.json", memos, export.JSON)
	if golden["codebook.qdc"], _, err = b.ExportQDC(req()); err != nil {
		t.Fatal(err)
	}
	// The project after reconciling alice and bob, so that it holds the
	// consensus as a user of its own.
	if _, err := b.Reconcile(backend.ReconcileRequest{}); err != nil {
		t.Fatal(err)
	}
	zipped, _, err := b.ExportQDPX(req())
	if err != nil {
		t.Fatal(err)
	}
	files := unzip(t, zipped)
	golden["project.qde"] = files["project.qde"]
	golden["mixeval.json"] = files[refiqda.SideFile]

	for name, got := range golden {
		compareGolden(t, name, got)
	}
	checkQuotes(t, b, golden["themes.json"], golden["segments-bob.json"])
	checkProjectSources(t, b, files)
	xmllint(t, "Codebook.xsd", golden["codebook.qdc"])
	xmllint(t, "Project.xsd", golden["project.qde"])
}

func compareGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it; review the diff):\n%s", name, firstDiff(string(want), string(got)))
	}
}

func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + itoa(i+1) + ":\n  want " + a + "\n  got  " + b
		}
	}
	return "(same lines)"
}

func itoa(i int) string { return strings.TrimSpace(strings.Repeat(" ", 0) + fmtInt(i)) }

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

// runeSlice is text's code points [start, end), or "" when out of range.
func runeSlice(text string, start, end int) string {
	r := []rune(text)
	if start < 0 || end > len(r) || start > end {
		return ""
	}
	return string(r[start:end])
}

// checkQuotes: every quote of the themes (alice's coding) and segments
// (bob's) exports is the answer's code points at the coder file's span.
func checkQuotes(t *testing.T, b *backend.Study, themesJSON, segmentsJSON []byte) {
	st, err := study.Load(b.Dir())
	if err != nil {
		t.Fatal(err)
	}
	docs, err := corpus.LoadDocuments(st)
	if err != nil {
		t.Fatal(err)
	}
	text := map[string]string{}
	for _, d := range docs {
		text[d.ID] = d.Text
	}
	spans := func(coder string) map[string]coding.Segment {
		f, err := coding.Load(filepath.Join(b.Dir(), "coding", coder+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]coding.Segment{}
		for _, s := range f.Segments {
			out[s.ID] = s
		}
		return out
	}
	check := func(coder, id, doc string, start, end int, quote string) {
		s, ok := spans(coder)[id]
		if !ok {
			t.Errorf("quote of segment %s: %s's file has no such segment", id, coder)
			return
		}
		if s.Document != doc || s.Start != start || s.End != end {
			t.Errorf("segment %s: exported at %s %d-%d, the file has %s %d-%d", id, doc, start, end, s.Document, s.Start, s.End)
		}
		if want := runeSlice(text[s.Document], s.Start, s.End); quote != want || want == "" {
			t.Errorf("segment %s: quote %q, the answer's code points give %q", id, quote, want)
		}
	}
	var th struct {
		Themes, Unthemed []node
	}
	if err := json.Unmarshal(themesJSON, &th); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func([]node)
	walk = func(ns []node) {
		for _, x := range ns {
			for _, q := range x.Quotes {
				check("alice", q.Segment, q.Document, q.Start, q.End, q.Text)
				n++
			}
			walk(x.Children)
		}
	}
	walk(th.Themes)
	walk(th.Unthemed)
	var sg struct{ Segments []export.SegmentRow }
	if err := json.Unmarshal(segmentsJSON, &sg); err != nil {
		t.Fatal(err)
	}
	for _, s := range sg.Segments {
		check("bob", s.ID, s.Document, s.Start, s.End, s.Text)
	}
	if n == 0 || len(sg.Segments) == 0 {
		t.Errorf("checked %d theme quotes and %d segments: expected some of each", n, len(sg.Segments))
	}
}

type node struct {
	Quotes   []export.Quote
	Children []node
}

// checkProjectSources: each source file is its answer's text exactly, and
// each selection of a coder slices the same text as the coder's segment.
func checkProjectSources(t *testing.T, b *backend.Study, files map[string][]byte) {
	p, err := refiqda.ParseProject(files["project.qde"])
	if err != nil {
		t.Fatal(err)
	}
	docs, err := b.Documents()
	if err != nil {
		t.Fatal(err)
	}
	byGUID := map[string]corpus.Document{}
	for _, d := range docs {
		byGUID[refiqda.GUID(refiqda.KindSource, d.ID)] = d
	}
	if err := refiqda.CheckReferences(p); err != nil {
		t.Error(err)
	}
	sels := 0
	for _, s := range p.Sources.TextSource {
		d := byGUID[s.GUID]
		got := string(files["sources/"+s.GUID+".txt"])
		if got != d.Text || s.PlainTextPath != "internal://"+s.GUID+".txt" || strings.Contains(s.Name, "/") {
			t.Errorf("source %s (%s): text or path wrong", s.GUID, s.Name)
		}
		for _, sel := range s.Selections {
			if runeSlice(got, int(sel.StartPosition), int(sel.EndPosition)) == "" {
				t.Errorf("selection %s does not slice its source", sel.GUID)
			}
			sels++
		}
	}
	// alice 32 + bob 31 segments, and the consensus's.
	if sels < 63 {
		t.Errorf("%d selections, want at least 63", sels)
	}
}

func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

// schemaDir finds the REFI-QDA schemas: the repository's copy
// (testdata/refi-qda), else the team's copy beside the repository
// (../shared/refi-qda from any folder upwards), else $MIXEVAL_REFI_QDA.
func schemaDir(t *testing.T) string {
	if d := os.Getenv("MIXEVAL_REFI_QDA"); d != "" {
		return d
	}
	wd, _ := os.Getwd()
	for dir := wd; ; dir = filepath.Dir(dir) {
		for _, c := range []string{filepath.Join(dir, "testdata", "refi-qda"), filepath.Join(dir, "shared", "refi-qda")} {
			if _, err := os.Stat(filepath.Join(c, "Project.xsd")); err == nil {
				return c
			}
		}
		if filepath.Dir(dir) == dir {
			return ""
		}
	}
}

// xmllint validates data against a REFI-QDA schema; it skips when xmllint
// or the schemas are missing (CI installs xmllint).
func xmllint(t *testing.T, schema string, data []byte) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	dir := schemaDir(t)
	if err != nil || dir == "" {
		if os.Getenv("MIXEVAL_REQUIRE_XMLLINT") != "" {
			t.Fatalf("xmllint or the REFI-QDA schemas not found, and MIXEVAL_REQUIRE_XMLLINT is set")
		}
		t.Logf("xmllint or the REFI-QDA schemas not found: %s not validated", schema)
		return
	}
	f := filepath.Join(t.TempDir(), "file.xml")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(lint, "--noout", "--schema", filepath.Join(dir, schema), f).CombinedOutput()
	if err != nil {
		t.Errorf("not valid against %s: %v\n%s", schema, err, out)
	}
}

// TestSampleThemeCounts checks the theme counts of alice's coding against
// figures computed apart from mixeval, with Python over
// sample-data/coding/alice.yaml and codebook.yaml (segments carrying any
// code under the theme; their distinct answers; the respondents before the
// '/'):
//
//	sense-of-belonging 11 6 5
//	flourishing        13 7 7
//	virtual-benefits    8 8 8
func TestSampleThemeCounts(t *testing.T) {
	b := sampleStudy(t)
	th, err := b.Themes(backend.ThemesRequest{ThemeOptions: export.ThemeOptions{Quotes: export.PinnedQuotes}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]export.Counts{
		"sense-of-belonging": {Segments: 11, Answers: 6, Respondents: 5},
		"flourishing":        {Segments: 13, Answers: 7, Respondents: 7},
		"virtual-benefits":   {Segments: 8, Answers: 8, Respondents: 8},
	}
	if th.Coding != "alice" || !th.Defaulted {
		t.Errorf("coding %q (defaulted %v), want alice by default", th.Coding, th.Defaulted)
	}
	for _, n := range th.Themes {
		if got := n.Counts.Counts; got != want[n.ID] {
			t.Errorf("%s: %+v, want %+v", n.ID, got, want[n.ID])
		}
	}
}
