package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

var feedbackSource = study.Source{
	File: "sources/f.csv", ID: "id",
	Questions:  []study.Question{{Column: "helped", Label: "helped"}, {Column: "online", Label: "online"}},
	Attributes: []string{"group"},
}

func TestBuildDocuments(t *testing.T) {
	tab, err := ReadCSV("f.csv", []byte("id,group,helped,online\nP02,1,Breathing,\nP01,2,\"Being heard\",Easy\n"))
	if err != nil {
		t.Fatal(err)
	}
	docs, errs := BuildDocuments(feedbackSource, tab)
	if errs != nil {
		t.Fatal(errs)
	}
	var ids, texts []string
	for _, d := range docs {
		ids = append(ids, d.ID)
		texts = append(texts, d.Text)
	}
	// One document per row × question, in file order; P02's blank answer kept.
	wantIDs := []string{"P02/helped", "P02/online", "P01/helped", "P01/online"}
	wantTexts := []string{"Breathing", "", "Being heard", "Easy"}
	if !reflect.DeepEqual(ids, wantIDs) || !reflect.DeepEqual(texts, wantTexts) {
		t.Errorf("ids %q texts %q, want %q %q", ids, texts, wantIDs, wantTexts)
	}
	d := docs[2]
	if d.Respondent != "P01" || d.Question != "helped" || d.Attributes["group"] != "2" || d.Source != "sources/f.csv" {
		t.Errorf("document %+v", d)
	}
	// sha256("") is the well-known e3b0c442...b855.
	if docs[1].Hash != "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" {
		t.Errorf("hash of empty text %s", docs[1].Hash)
	}
}

func TestBuildDocumentsErrors(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []string
	}{
		{"duplicate id", "id,group,helped,online\nP01,1,a,b\nP02,1,c,d\nP01,2,e,f\n",
			[]string{`sources/f.csv:4: row 4, column id: duplicate respondent id "P01" (first on row 2)`}},
		{"empty id", "id,group,helped,online\n,1,a,b\n", []string{"row 2", "respondent id is empty"}},
		{"missing columns listed", "ID2,group,helped\nP01,1,a\n",
			[]string{`no id column "id"; the columns are: "ID2", "group", "helped"`, `no question column "online"`}},
		{"slash in id", "id,group,helped,online\nP/1,1,a,b\n", []string{"holds '/'"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := ReadCSV("f.csv", []byte(tt.csv))
			if err != nil {
				t.Fatal(err)
			}
			_, errs := BuildDocuments(feedbackSource, tab)
			if errs == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(errs.Error(), w) {
					t.Errorf("errors %q do not contain %q", errs.Error(), w)
				}
			}
		})
	}
}

func TestChangedDocuments(t *testing.T) {
	doc := func(id, text string) Document { return Document{ID: id, Text: text, Hash: HashText(text)} }
	old := []Document{doc("P01/a", "same"), doc("P02/a", "before"), doc("P03/a", "gone")}
	new := []Document{doc("P02/a", "after"), doc("P01/a", "same"), doc("P04/a", "added")}
	// P02 changed, P03 removed; P01 unchanged; P04 is new (nothing coded on it).
	if got, want := ChangedDocuments(old, new), []string{"P02/a", "P03/a"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := ChangedDocuments(old, old); got != nil {
		t.Errorf("unchanged: got %q", got)
	}
}

// newStudy makes an empty study in a temporary folder.
func newStudy(t *testing.T) *study.Study {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	if err := study.Init(dir); err != nil {
		t.Fatal(err)
	}
	s, err := study.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestLoadDocumentsEmojiCodePoints(t *testing.T) {
	s := newStudy(t)
	src := filepath.Join(t.TempDir(), "f.csv")
	// Decomposed é (e + U+0301) in; composed out. 😊 is one code point
	// (four UTF-8 bytes, two UTF-16 units).
	if err := os.WriteFile(src, []byte("id,group,helped,online\nP01,1,\"I felt 😊 safe, cafe\u0301\",\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(s, ImportOptions{Path: src, ID: "id", Texts: []TextMapping{{Column: "helped"}, {Column: "online"}}, Attrs: []string{"group"}}); err != nil {
		t.Fatal(err)
	}
	s, err := study.Load(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := LoadDocuments(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "P01/helped" || docs[1].ID != "P01/online" || docs[1].Text != "" {
		t.Fatalf("documents %+v", docs)
	}
	r := []rune(docs[0].Text)
	// I(0) space(1) f(2) e(3) l(4) t(5) space(6) 😊(7) space(8) s(9)a(10)f(11)e(12)
	// ,(13) space(14) c(15)a(16)f(17)é(18): 19 code points.
	if len(r) != 19 || string(r[7:8]) != "😊" || string(r[9:13]) != "safe" || string(r[15:19]) != "café" {
		t.Errorf("code points %d: %q", len(r), docs[0].Text)
	}
	if docs[0].Hash != HashText("I felt 😊 safe, café") {
		t.Error("hash is not of the NFC text")
	}
}
