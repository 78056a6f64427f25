package privacy

import (
	"bytes"
	"encoding/csv"
	"io/fs"
	"testing"

	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
)

func TestScanStatuses(t *testing.T) {
	d := NewDetector(nil)
	docs := []Document{
		{ID: "P01/helped", Text: "Call 07700 900123 any time."},
		{ID: "P02/helped", Text: "Dr Kowalczyk ran it; write to k@example.org"},
		{ID: "P03/helped", Text: "Nothing to see here."},
	}
	res := d.Scan(docs, nil)
	if len(res.Findings) != 3 {
		t.Fatalf("got %+v", res.Findings)
	}
	phone, name, email := res.Findings[0], res.Findings[1], res.Findings[2]
	// "Call " is five code points; the number twelve.
	if phone.Doc != "P01/helped" || phone.Start != 5 || phone.End != 17 || phone.Text != "07700 900123" || phone.Status != Undecided {
		t.Errorf("phone: %+v", phone)
	}
	if phone.Hash != ShortHash(HashText(docs[0].Text)) || phone.ID != FindingID("P01/helped", phone.Hash, 5, 17, KindPhone) {
		t.Errorf("phone key: %+v", phone)
	}
	if name.Text != "Dr Kowalczyk" || email.Text != "k@example.org" {
		t.Errorf("got %q and %q", name.Text, email.Text)
	}

	decided := Decide(nil,
		NewDecision(phone, ActionRedact, "alice", when, ""),
		NewDecision(name, ActionAllow, "alice", when, "the facilitator, named with consent"),
	)
	res = d.Scan(docs, decided)
	if s := []Status{res.Findings[0].Status, res.Findings[1].Status, res.Findings[2].Status}; s[0] != Redacted || s[1] != Allowed || s[2] != Undecided {
		t.Errorf("statuses %v", s)
	}
	if res.Findings[1].Decision == nil || res.Findings[1].Decision.Memo != "the facilitator, named with consent" || len(res.Stale) != 0 {
		t.Errorf("decision %+v, stale %+v", res.Findings[1].Decision, res.Stale)
	}

	// The answer is re-imported with other text: the phone decision no
	// longer applies. The finding is asked again (stale, with the earlier
	// decision for reference) and the decision is listed as stale.
	docs[0].Text = "Call 07700 900123 any time, or 07700 900456."
	res = d.Scan(docs, decided)
	f := res.Findings[0]
	if f.Status != Stale || f.Decision == nil || f.Decision.Action != ActionRedact {
		t.Errorf("after the change: %+v", f)
	}
	if res.Findings[1].Status != Stale {
		t.Errorf("second number: %+v", res.Findings[1])
	}
	if len(res.Stale) != 1 || res.Stale[0].Doc != "P01/helped" {
		t.Errorf("stale decisions %+v", res.Stale)
	}
	if res.Findings[2].Status != Allowed {
		t.Errorf("an unchanged answer lost its decision: %+v", res.Findings[2])
	}
}

func TestScanGivenHash(t *testing.T) {
	// A document that carries its hash (as thematic documents do) keys its
	// findings to that hash, short.
	doc := Document{ID: "R1/q", Text: "dob 1/2/1960", Hash: "ABCDEF0123456789" + "00"}
	fs := NewDetector(nil).FindIn(doc)
	if len(fs) != 1 || fs[0].Hash != "abcdef012345" {
		t.Fatalf("got %+v", fs)
	}
}

// TestSampleStudyClean scans every answer of the bundled sample study,
// read from its manifest and normalised source as the backend would: it
// holds no personal data, and the detector must find none.
func TestSampleStudyClean(t *testing.T) {
	docs, names := sampleDocuments(t)
	if len(docs) != 39 {
		t.Fatalf("read %d answers, want 13 respondents × 3 questions", len(docs))
	}
	res := NewDetector(names).Scan(docs, nil)
	for _, f := range res.Findings {
		t.Errorf("%s %d-%d %s (%s): %q", f.Doc, f.Start, f.End, f.Kind, f.Rule, f.Text)
	}
}

// sampleDocuments reads the sample study's answers with encoding/csv and
// the manifest, and its respondent ids as identifying-column values.
func sampleDocuments(t testing.TB) ([]Document, []string) {
	fsys := sampledata.FS()
	mb, err := fs.ReadFile(fsys, study.ManifestName)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := study.ParseManifest(study.ManifestName, mb)
	if err != nil {
		t.Fatal(err)
	}
	var docs []Document
	var names []string
	for _, src := range m.Sources {
		b, err := fs.ReadFile(fsys, src.File)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := map[string]int{}
		for i, h := range rows[0] {
			col[h] = i
		}
		for _, r := range rows[1:] {
			names = append(names, r[col[src.ID]])
			for _, q := range src.Questions {
				docs = append(docs, Document{ID: r[col[src.ID]] + "/" + q.Label, Text: r[col[q.Column]]})
			}
		}
	}
	return docs, names
}
