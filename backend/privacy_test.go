package backend

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/privacy"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// privacyForm plants a phone number (P1, [11,23)), a staff name from the
// manifest (P2 "Okafor", [13,19): "Talking with " is 13 code points) and a value of the identifying column
// Name (P3 "Priya", [0,5)); the Name column itself is not imported as an
// answer or attribute.
const privacyForm = "Respondent,Name,What helped?\n" +
	"P1,Tom Reid,Call me on 07700 900123 please.\n" +
	"P2,Ann Lee,Talking with Okafor each week.\n" +
	"P3,Priya Shah,Priya here: the breathing.\n"

func newPrivacyStudy(t *testing.T) *Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := study.Init(dir); err != nil {
		t.Fatal(err)
	}
	manifest := "title: Privacy\ncoders:\n  - alice\nidentifiers:\n  names:\n    - Okafor\n  columns:\n    - Name\n"
	if err := os.WriteFile(filepath.Join(dir, study.ManifestName), []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := Open(dir, Options{Who: "lead", Now: fixedNow})
	if err != nil {
		t.Fatal(err)
	}
	form := filepath.Join(t.TempDir(), "form.csv")
	os.WriteFile(form, []byte(privacyForm), 0o644)
	if _, _, _, err := b.Import(corpus.ImportOptions{Path: form, ID: "Respondent",
		Texts: []corpus.TextMapping{{Column: "What helped?", Label: "helped"}}}); err != nil {
		t.Fatal(err)
	}
	return b
}

func findingAt(t *testing.T, fs []privacy.Finding, doc string, start int) privacy.Finding {
	t.Helper()
	for _, f := range fs {
		if f.Doc == doc && f.Start == start {
			return f
		}
	}
	t.Fatalf("no finding at %s %d in %+v", doc, start, fs)
	return privacy.Finding{}
}

func TestScanPrivacy(t *testing.T) {
	b := newPrivacyStudy(t)
	names, err := b.PrivacyNames()
	if err != nil {
		t.Fatal(err)
	}
	// The manifest's name, then the Name column's values in row order.
	if got := strings.Join(names, "|"); got != "Okafor|Tom Reid|Ann Lee|Priya Shah" {
		t.Errorf("names %q", got)
	}
	scan, err := b.ScanPrivacy()
	if err != nil {
		t.Fatal(err)
	}
	if scan.Answers != 3 || len(scan.Findings) != 3 {
		t.Fatalf("%d answers, findings %+v", scan.Answers, scan.Findings)
	}
	for _, w := range []struct {
		doc        string
		start, end int
		kind       privacy.Kind
	}{{"P1/helped", 11, 23, privacy.KindPhone}, {"P2/helped", 13, 19, privacy.KindName}, {"P3/helped", 0, 5, privacy.KindName}} {
		f := findingAt(t, scan.Findings, w.doc, w.start)
		if f.End != w.end || f.Kind != w.kind || f.Status != privacy.Undecided {
			t.Errorf("%s: %+v", w.doc, f)
		}
	}
	// A misspelt identifying column protects no one: an error.
	st := b.Manifest()
	st.Manifest.Identifiers.Columns = []string{"Nmae"}
	var missing *MissingColumnError
	if _, err := b.PrivacyNames(); !errors.As(err, &missing) || missing.Column != "Nmae" {
		t.Errorf("got %v", err)
	}
	st.Manifest.Identifiers.Columns = []string{"Name"}
}

// TestScanFreeText: a memo and a code's definition are scanned too, under
// their place names, and decided like answers.
func TestScanFreeText(t *testing.T) {
	b := newPrivacyStudy(t)
	def := "Mentions of Dr Okafor."
	if _, _, err := b.AddNode(NodeSpec{Kind: 2, ID: "staff", Name: "Staff", Definition: def}); err != nil {
		t.Fatal(err)
	}
	scan, err := b.ScanPrivacy()
	if err != nil {
		t.Fatal(err)
	}
	// "Mentions of " is 12 code points: "Dr Okafor" is [12,21).
	f := findingAt(t, scan.Findings, export.CodebookPlace("staff", "definition"), 12)
	if f.End != 21 || f.Text != "Dr Okafor" {
		t.Errorf("definition finding %+v", f)
	}
	if _, err := b.DecidePrivacy(PrivacyRequest{Findings: []string{f.ID}, Action: privacy.ActionRedact}); err != nil {
		t.Fatal(err)
	}
	cb, _ := b.Codebook()
	out, rep, err := export.QDC(cb, "test", mustGuard(t, b, false))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "Mentions of [name].") || len(rep.Redacted) != 1 {
		t.Errorf("qdc: %s", out)
	}
}

func mustGuard(t *testing.T, b *Study, redact bool) export.Guard {
	t.Helper()
	g, err := b.Guard()
	if err != nil {
		t.Fatal(err)
	}
	return export.Guard{Guard: g, Redact: redact}
}

func TestDecidePrivacy(t *testing.T) {
	b := newPrivacyStudy(t)
	scan, _ := b.ScanPrivacy()
	phone := findingAt(t, scan.Findings, "P1/helped", 11)
	if _, err := b.DecidePrivacy(PrivacyRequest{Findings: []string{phone.ID}, Action: privacy.ActionAllow}); !errors.Is(err, ErrAllowNeedsMemo) {
		t.Errorf("allow without memo: %v", err)
	}
	var unknown *UnknownFindingError
	if _, err := b.DecidePrivacy(PrivacyRequest{Findings: []string{"0000000000"}, Action: privacy.ActionRedact}); !errors.As(err, &unknown) {
		t.Errorf("unknown id: %v", err)
	}
	res, err := b.DecidePrivacy(PrivacyRequest{Findings: []string{phone.ID}, Action: privacy.ActionAllow, Memo: "service line"})
	if err != nil || len(res.Decided) != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	// --all-kind name decides both names, leaving the allowed phone alone.
	res, err = b.DecidePrivacy(PrivacyRequest{Kind: privacy.KindName, Action: privacy.ActionRedact})
	if err != nil || len(res.Decided) != 2 {
		t.Fatalf("%+v %v", res, err)
	}
	f, err := privacy.Load(b.Layout().Privacy())
	if err != nil || len(f.Decisions) != 3 {
		t.Fatalf("%d decisions, %v", len(f.Decisions), err)
	}
	data, _ := os.ReadFile(b.Layout().Privacy())
	if strings.Contains(string(data), "07700") || strings.Contains(string(data), "Okafor") {
		t.Error("privacy.yaml holds the text found")
	}
	scan, _ = b.ScanPrivacy()
	for _, f := range scan.Findings {
		if f.Status == privacy.Undecided {
			t.Errorf("still undecided: %+v", f)
		}
	}
	// The answer changes: its decision goes stale, and deciding again
	// removes the stale one.
	form := filepath.Join(t.TempDir(), "form.csv")
	os.WriteFile(form, []byte(strings.Replace(privacyForm, "please.", "please!", 1)), 0o644)
	if _, _, _, err := b.Import(corpus.ImportOptions{Path: form, ID: "Respondent", Texts: []corpus.TextMapping{{Column: "What helped?", Label: "helped"}}}); err != nil {
		t.Fatal(err)
	}
	scan, _ = b.ScanPrivacy()
	phone = findingAt(t, scan.Findings, "P1/helped", 11)
	if phone.Status != privacy.Stale || len(scan.Stale) != 1 {
		t.Fatalf("after the change: %+v, %d stale", phone, len(scan.Stale))
	}
	res, err = b.DecidePrivacy(PrivacyRequest{Findings: []string{phone.ID}, Action: privacy.ActionRedact})
	if err != nil || res.Dropped != 1 {
		t.Fatalf("%+v %v", res, err)
	}
	if f, _ := privacy.Load(b.Layout().Privacy()); len(f.Decisions) != 3 {
		t.Errorf("%d decisions after replacing the stale one, want 3", len(f.Decisions))
	}
}

// TestDecideConcurrently: two researchers deciding at once both keep their
// decisions (the file is re-read inside its lock).
func TestDecideConcurrently(t *testing.T) {
	b := newPrivacyStudy(t)
	scan, _ := b.ScanPrivacy()
	var wg sync.WaitGroup
	errs := make([]error, len(scan.Findings))
	for i, f := range scan.Findings {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other, err := Open(b.Dir(), Options{Who: "r" + string(rune('a'+i)), Now: fixedNow})
			if err == nil {
				_, err = other.DecidePrivacy(PrivacyRequest{Findings: []string{f.ID}, Action: privacy.ActionRedact})
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if f, _ := privacy.Load(b.Layout().Privacy()); len(f.Decisions) != len(scan.Findings) {
		t.Errorf("%d decisions kept of %d", len(f.Decisions), len(scan.Findings))
	}
}
