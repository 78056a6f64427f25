package study

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const goodManifest = `title: Test study
mode: reflexive
coders: [alice, bob]
measures:
  - name: SCS-SF
    instrument: scs-sf
    data: scores/items.csv
    criterion: c
    norm:
      mean: 3.2
      sd: 0.7
      source: Example 2020
`

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		wantErr []string
	}{
		{"good", goodManifest, nil},
		{"unknown key", "title: x\nmeasure: []\n", []string{"m.yaml:2:1: unknown key \"measure\""}},
		{"no title", "mode: reflexive\n", []string{"missing key \"title\""}},
		{"bad mode", "title: x\nmode: blind\n", []string{"m.yaml:2:7: mode \"blind\""}},
		{"bad criterion and duplicate", "title: x\nmeasures:\n  - {name: A, instrument: pseq, data: a.csv, criterion: d}\n  - {name: A, instrument: pseq, data: a.csv}\n",
			[]string{"m.yaml:3:", "criterion \"d\"", "m.yaml:4:", "listed twice"}},
		{"reliability out of range", "title: x\nmeasures:\n  - {name: A, instrument: pseq, data: a.csv, reliability: 1.2}\n", []string{"reliability 1.2"}},
		{"coder reserved", "title: x\ncoders: [consensus]\n", []string{"reserved"}},
		{"follow-up pairs, method, mid", "title: x\nmeasures:\n  - name: A\n    instrument: pseq\n    data: a.csv\n    method: nk\n    reliability_post: 0.8\n    mid: {improve: 7, source: \"Someone (2020)\"}\n    pairs:\n      - {from: pre, to: post}\n      - {from: pre, to: fu3}\n", nil},
		{"bad quant choices", "title: x\nmeasures:\n  - name: A\n    instrument: pseq\n    data: a.csv\n    method: rc\n    reliability_post: 0.8\n    mid: {improve: 0}\n    pairs:\n      - {from: pre, to: pre}\n      - {from: pre, to: 3 months}\n      - {from: pre, to: fu3}\n      - {from: pre, to: fu3}\n",
			[]string{"m.yaml:6:13: method \"rc\" is not known", "m.yaml:7:23: reliability_post is used by the nk method only", "m.yaml:8:20: mid improve 0", "m.yaml:10:9: a pair compares two time points", "m.yaml:11:25: to \"3 months\" is not a time point", "m.yaml:13:9: the pair pre to fu3 is listed twice"}},
		{"source without questions", "title: x\nsources:\n  - {file: f.csv, id: id}\n", []string{"no \"questions\""}},
		{"identifiers", "title: x\nidentifiers:\n  names: [Dr Kowalczyk, Sarah Whitfield]\n  columns: [Name]\n", nil},
		{"identifiers unknown key", "title: x\nidentifiers: {name: [A]}\n", []string{"m.yaml:2:15: unknown key \"name\""}},
		// "  names: [" is ten characters, so "Ann" starts in column 11, "ann"
		// after "Ann, " in 16 and "" in 21; "  columns: [" is twelve, so the
		// second "Name" starts in 13+6 = 19.
		{"identifier problems", "title: x\nidentifiers:\n  names: [Ann, ann, \"\"]\n  columns: [Name, Name]\n",
			[]string{"m.yaml:3:16: identifier name \"ann\" is listed twice", "m.yaml:3:21: identifier name 3 is empty", "m.yaml:4:19: identifying column \"Name\" is listed twice"}},
		{"identifying column is a question", "title: x\nsources:\n  - {file: f.csv, id: id, questions: [{column: Q1, label: q1}]}\nidentifiers: {columns: [Q1]}\n",
			[]string{"m.yaml:4:25: column \"Q1\" is a question"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := ParseManifest("m.yaml", []byte(tt.in))
			if len(tt.wantErr) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.wantErr {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestFindWalksUp(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(goodManifest), 0o644); err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(dir, "a", "b")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Chdir(sub)
	got, err := Find("")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := filepath.EvalSymlinks(dir)
	if g, _ := filepath.EvalSymlinks(got); g != want {
		t.Fatalf("Find = %s, want %s", got, dir)
	}
	if _, err := Find(filepath.Join(dir, "a")); !errors.Is(err, ErrNoStudy) {
		t.Fatalf("Find(explicit dir without manifest) = %v, want ErrNoStudy", err)
	}
}

func TestMarshalRoundTripIsStable(t *testing.T) {
	m, _, err := ParseManifest("m.yaml", []byte(goodManifest))
	if err != nil {
		t.Fatal(err)
	}
	out1, err := m.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := ParseManifest("m.yaml", out1)
	if err != nil {
		t.Fatalf("re-parse: %v\n%s", err, out1)
	}
	out2, _ := m2.Marshal()
	if string(out1) != string(out2) {
		t.Fatalf("marshal not stable:\n%s\n---\n%s", out1, out2)
	}
}

func FuzzParseManifest(f *testing.F) {
	f.Add([]byte(goodManifest))
	f.Add([]byte("title: x\nmeasures:\n  - name: A\n"))
	f.Add([]byte("- a\n- b\n"))
	f.Add([]byte("title: &a x\nmode: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, err := ParseManifest("m.yaml", data)
		if err == nil && m.Title == "" {
			t.Fatal("accepted a manifest without a title")
		}
	})
}

func TestSaveKeepsComments(t *testing.T) {
	dir := t.TempDir()
	text := `# our study
title: Pain group # short
mode: reflexive
# who codes
coders:
  - alice
measures:
  # first measure
  - name: scs
    instrument: scs-sf
    data: scores/items.csv
`
	if err := os.WriteFile(filepath.Join(dir, ManifestName), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.Manifest.Coders = append(s.Manifest.Coders, "bob")
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, ManifestName))
	want := `# our study
title: Pain group # short
mode: reflexive
# who codes
coders:
  - alice
  - bob
measures:
  # first measure
  - name: scs
    instrument: scs-sf
    data: scores/items.csv
`
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	// A key added where the struct's order puts it: coders before measures.
	s.Manifest.Coders = nil
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	s.Manifest.Coders = []string{"carol"}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	got, _ = os.ReadFile(filepath.Join(dir, ManifestName))
	if !strings.Contains(string(got), "mode: reflexive\ncoders:\n  - carol\nmeasures:") {
		t.Errorf("coders not back in place:\n%s", got)
	}
}
