package corpus

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// TestDocumentIDs: the ids read from the id column alone are those
// LoadDocuments builds: every respondent × question, sorted, with quoted
// line breaks and delimiters inside answers, padded ids and a blank row.
func TestDocumentIDs(t *testing.T) {
	s := newStudy(t)
	src := filepath.Join(t.TempDir(), "f.csv")
	export := "id;group;helped;online\n" +
		"P02;1;\"Breathing;\nevery night\";\n" +
		" P10 ;2;\"said \"\"no\"\"\";fine\n" +
		";;;\n" +
		"P01;2;Being heard;\"Easy,\r\nreally\"\n"
	if err := os.WriteFile(src, []byte(export), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Import(s, ImportOptions{Path: src, ID: "id", Texts: []TextMapping{{Column: "helped"}, {Column: "online"}}, Attrs: []string{"group"}}); err != nil {
		t.Fatal(err)
	}
	s, err := study.Load(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DocumentIDs(s)
	if err != nil {
		t.Fatal(err)
	}
	// Three respondents (the blank row is no respondent) × two questions.
	want := []string{"P01/helped", "P01/online", "P02/helped", "P02/online", "P10/helped", "P10/online"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DocumentIDs = %q, want %q", got, want)
	}
	docs, err := LoadDocuments(s)
	if err != nil {
		t.Fatal(err)
	}
	var loaded []string
	for _, d := range docs {
		loaded = append(loaded, d.ID)
	}
	if !reflect.DeepEqual(got, loaded) {
		t.Errorf("DocumentIDs = %q, LoadDocuments ids %q", got, loaded)
	}
}

// TestDocumentIDsMissingSource: a source file that is gone is an error
// naming it, as in LoadDocuments.
func TestDocumentIDsMissingSource(t *testing.T) {
	s := newStudy(t)
	s.Manifest.Sources = []study.Source{{File: "sources/gone.csv", ID: "id", Questions: []study.Question{{Column: "q", Label: "q"}}}}
	if _, err := DocumentIDs(s); err == nil {
		t.Fatal("no error for a missing source")
	}
}

// BenchmarkDocumentIDs100k lists the ids of 100,000 documents, as shell
// completion does on every Tab (compare BenchmarkLoadDocuments100k).
func BenchmarkDocumentIDs100k(b *testing.B) {
	export := filepath.Join(b.TempDir(), "responses.csv")
	os.WriteFile(export, benchExport(100_000), 0o644)
	dir := filepath.Join(b.TempDir(), "s")
	study.Init(dir)
	s, _ := study.Load(dir)
	if _, err := Import(s, ImportOptions{Path: export, ID: "respondent", Attrs: []string{"group"},
		Texts: []TextMapping{{Column: "What was your experience?", Label: "experience"}}}); err != nil {
		b.Fatal(err)
	}
	s, _ = study.Load(dir)
	for b.Loop() {
		ids, err := DocumentIDs(s)
		if err != nil || len(ids) != 100_000 {
			b.Fatal(err, len(ids))
		}
	}
}

// FuzzDocumentIDs: whenever ReadNormalised reads a file, the ids that
// respondentIDs scans from it are the id column of that table, trimmed,
// without empty, malformed or repeated ids; on any input it never panics.
func FuzzDocumentIDs(f *testing.F) {
	for _, s := range []string{
		"id,text\nP1,hello\nP2,\"a, b\nc\"\n",
		"text,id\n\"say \"\"hi\"\"\",P1\n,P2\n\n x ,\" P3 \"\n",
		"id;text\r\nP1;\"a\r\nb\"\r\n",
		"\xEF\xBB\xBFid\ttext\nP1\t😊\n",
		"id,a\n1,\"x\n",
		"id,a\n1,x\"y\n",
		"a,id\n\"q\"x,1\n",
		"id\ne\u0301\n\uFEFFP2\nP/3\nP1\nP1\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := respondentIDs(data, "id")
		tab, terr := ReadNormalised("f.csv", data)
		if terr != nil {
			return
		}
		if err != nil {
			t.Fatalf("ReadNormalised reads it, respondentIDs fails: %v", err)
		}
		var cells []string
		if col := tab.Column("id"); col >= 0 {
			for _, r := range tab.Rows {
				cells = append(cells, r.Cells[col])
			}
		}
		if want := validIDs(cells); !reflect.DeepEqual(got, want) && len(got)+len(want) > 0 {
			t.Fatalf("respondentIDs = %q, the table's ids %q", got, want)
		}
	})
}
