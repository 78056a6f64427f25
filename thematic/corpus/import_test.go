package corpus

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mixeval/mixeval/study"
)

// snapshot maps every file under dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[p] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const formCSV = "Respondent,Group,What helped?,Anything else?\nP01,1,Breathing,\nP02,2,The others,More sessions\n"

func formOptions(path string) ImportOptions {
	return ImportOptions{Path: path, ID: "Respondent", Attrs: []string{"Group"},
		Texts: []TextMapping{{Column: "What helped?", Label: "helped"}, {Column: "Anything else?"}}}
}

func TestImport(t *testing.T) {
	s := newStudy(t)
	// A comment in the manifest survives the import.
	if err := os.WriteFile(s.ManifestPath(), []byte("# our pain group\ntitle: T\nmode: reflexive\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	s, _ = study.Load(s.Dir)
	in := writeFile(t, "Form export.csv", formCSV)
	res, err := Import(s, formOptions(in))
	if err != nil {
		t.Fatal(err)
	}
	want := study.Source{File: "sources/form-export.csv", Original: "sources/form-export.original.csv", ID: "Respondent",
		Questions: []study.Question{
			{Column: "What helped?", Label: "helped", Text: "What helped?"},
			{Column: "Anything else?", Label: "anything-else", Text: "Anything else?"}},
		Attributes: []string{"Group"}}
	if !reflect.DeepEqual(res.Source, want) {
		t.Errorf("source %+v\nwant %+v", res.Source, want)
	}
	if len(res.Documents) != 4 || res.Empty != 1 || res.Respondents != 2 || res.Replaced {
		t.Errorf("result %+v", res)
	}
	orig, _ := os.ReadFile(s.Path(want.Original))
	if string(orig) != formCSV {
		t.Error("original not kept byte for byte")
	}
	m, _ := os.ReadFile(s.ManifestPath())
	if !strings.HasPrefix(string(m), "# our pain group\n") || !strings.Contains(string(m), "file: sources/form-export.csv") {
		t.Errorf("manifest:\n%s", m)
	}
	s2, err := study.Load(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if probs := Validate(s2, SourceCheck); len(probs) > 0 {
		t.Errorf("imported study not valid: %v", probs)
	}
}

func TestImportErrorsWriteNothing(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		opt  func(string) ImportOptions
		want string
	}{
		{"duplicate ids", "Respondent,Group,What helped?,Anything else?\nP01,1,a,b\nP01,2,c,d\n", formOptions,
			`row 3, column Respondent: duplicate respondent id "P01" (first on row 2)`},
		{"missing id column", formCSV, func(p string) ImportOptions { o := formOptions(p); o.ID = "Patient"; return o },
			`id column "Patient": no such column; the columns are: "Respondent", "Group", "What helped?", "Anything else?"`},
		{"missing text column", formCSV, func(p string) ImportOptions {
			o := formOptions(p)
			o.Texts = append(o.Texts, TextMapping{Column: "Nope"})
			return o
		}, `text column "Nope": no such column`},
		{"bad label", formCSV, func(p string) ImportOptions {
			o := formOptions(p)
			o.Texts[0].Label = "what helped"
			return o
		}, `label "what helped" may hold only`},
		{"same label twice", formCSV, func(p string) ImportOptions {
			o := formOptions(p)
			o.Texts[1].Label = "helped"
			return o
		}, `would get the label "helped", as column "What helped?" does`},
		{"column named twice", "Respondent,Group,What helped?,What helped?\nP01,1,a,b\n", formOptions,
			`text column "What helped?": 2 columns have this name`},
		{"ambiguous column", "Respondent,Group,group,What helped?,Anything else?\nP01,1,1,a,b\n", func(p string) ImportOptions {
			o := formOptions(p)
			o.Attrs = []string{"GROUP"}
			return o
		}, `attribute column "GROUP": matches 2 columns ("Group", "group")`},
		{"no rows", "Respondent,Group,What helped?,Anything else?\n", formOptions, "no answers"},
		{"no mapping", formCSV, func(p string) ImportOptions { return ImportOptions{Path: p} }, "say which column holds the respondent id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStudy(t)
			before := snapshot(t, s.Dir)
			_, err := Import(s, tt.opt(writeFile(t, "form.csv", tt.csv)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %v, want %q", err, tt.want)
			}
			if after := snapshot(t, s.Dir); !reflect.DeepEqual(before, after) {
				t.Error("the study changed on error")
			}
		})
	}
}

func TestImportNeedsMapping(t *testing.T) {
	s := newStudy(t)
	_, err := Import(s, ImportOptions{Path: writeFile(t, "form.csv", formCSV)})
	var need *NeedMappingError
	if !errors.As(err, &need) || len(need.Table.Header) != 4 {
		t.Fatalf("err = %v", err)
	}
	opt := SuggestMapping(need.Table)
	if opt.ID != "Respondent" {
		t.Errorf("suggested id %q", opt.ID)
	}
}

func TestReimportChanged(t *testing.T) {
	s := newStudy(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "form.csv")
	os.WriteFile(in, []byte(formCSV), 0o644)
	if _, err := Import(s, formOptions(in)); err != nil {
		t.Fatal(err)
	}
	s, _ = study.Load(s.Dir)
	// P01's answer edited, P02 gone, P03 new.
	os.WriteFile(in, []byte("Respondent,Group,What helped?,Anything else?\nP01,1,Breathing exercises,\nP03,2,x,y\n"), 0o644)
	res, err := Import(s, ImportOptions{Path: in}) // the recorded mapping is reused
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"P01/helped", "P02/anything-else", "P02/helped"}
	if !res.Replaced || !reflect.DeepEqual(res.Changed, want) {
		t.Errorf("replaced %v changed %q, want %q", res.Replaced, res.Changed, want)
	}
	s, _ = study.Load(s.Dir)
	if len(s.Manifest.Sources) != 1 {
		t.Errorf("%d sources after re-import", len(s.Manifest.Sources))
	}
}

func TestImportLabelUsedByAnotherSource(t *testing.T) {
	s := newStudy(t)
	if _, err := Import(s, formOptions(writeFile(t, "a.csv", formCSV))); err != nil {
		t.Fatal(err)
	}
	s, _ = study.Load(s.Dir)
	_, err := Import(s, formOptions(writeFile(t, "b.csv", formCSV)))
	if err == nil || !strings.Contains(err.Error(), `its label "helped" is already imported from sources/a.csv`) {
		t.Errorf("err = %v", err)
	}
}

func TestImportTextFolder(t *testing.T) {
	s := newStudy(t)
	dir := filepath.Join(t.TempDir(), "Letters")
	os.Mkdir(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "P02.txt"), []byte("\xFF\xFEh\x00i\x00"), 0o644) // UTF-16LE "hi"
	os.WriteFile(filepath.Join(dir, "P01.txt"), []byte("Dear me,\r\nwell done.\r\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "notes.md"), []byte("ignored"), 0o644)
	res, err := Import(s, ImportOptions{Path: dir, Texts: []TextMapping{{Column: "text", Label: "letter"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.File != "sources/letters.csv" || res.Source.Original != "sources/letters.original" {
		t.Errorf("paths %s %s", res.Source.File, res.Source.Original)
	}
	s, _ = study.Load(s.Dir)
	docs, err := LoadDocuments(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || docs[0].ID != "P01/letter" || docs[0].Text != "Dear me,\nwell done." || docs[1].Text != "hi" {
		t.Errorf("documents %+v", docs)
	}
	if _, err := os.Stat(filepath.Join(s.Dir, "sources", "letters.original", "P02.txt")); err != nil {
		t.Error(err)
	}
}

// xlsxBytes builds a workbook with a second sheet "Responses".
func xlsxBytes(t testing.TB, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.NewSheet("Responses")
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Responses", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportXLSX(t *testing.T) {
	data := xlsxBytes(t, [][]any{
		{"Respondent", "Group", "What helped?"},
		{"P01", 1, "Line one\r\nline two 😊"},
		{"P02", 2, ""},
	})
	s := newStudy(t)
	in := filepath.Join(t.TempDir(), "form.xlsx")
	os.WriteFile(in, data, 0o644)
	_, err := Import(s, ImportOptions{Path: in, ID: "Respondent", Texts: []TextMapping{{Column: "What helped?", Label: "helped"}}})
	var sheetErr *SheetError
	if !errors.As(err, &sheetErr) || !sheetErr.Empty || !strings.Contains(err.Error(), `sheet "Sheet1" is empty`) || len(sheetErr.Sheets) != 2 {
		t.Fatalf("the first sheet (Sheet1) is empty; got %v", err)
	}
	res, err := Import(s, ImportOptions{Path: in, Sheet: "Responses", ID: "Respondent", Attrs: []string{"Group"},
		Texts: []TextMapping{{Column: "What helped?", Label: "helped"}}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Source.Sheet != "Responses" || len(res.Documents) != 2 || res.Documents[0].Text != "Line one\nline two 😊" ||
		res.Documents[0].Attributes["Group"] != "1" || res.Documents[1].Text != "" {
		t.Errorf("result %+v", res)
	}
	if _, err := ReadXLSX("form.xlsx", data, "Nope"); err == nil || !strings.Contains(err.Error(), `"Sheet1", "Responses"`) {
		t.Errorf("unknown sheet: %v", err)
	}
}

func TestQuestionLabel(t *testing.T) {
	tests := []struct{ in, want string }{
		{"What did you find most helpful about the group?", "most-helpful-group"},
		{"What could be improved?", "improved"},
		{"Café experience", "cafe-experience"},
		{"What?", "what"},
		{"😊", ""},
	}
	for _, tt := range tests {
		if got := QuestionLabel(tt.in); got != tt.want {
			t.Errorf("QuestionLabel(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestImportKeepsManifestOrder(t *testing.T) {
	s := newStudy(t)
	manifest := "title: T # the pilot\nmode: codebook\nmeasures:\n  - name: scs\n    instrument: scs-sf\n    data: scores/scs.csv\n"
	os.WriteFile(s.ManifestPath(), []byte(manifest), 0o644)
	s, err := study.Load(s.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Import(s, formOptions(writeFile(t, "form.csv", formCSV))); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(s.ManifestPath())
	got := string(b)
	// sources go where the struct order puts them: after mode, before measures.
	if !strings.HasPrefix(got, "title: T # the pilot\nmode: codebook\nsources:\n") ||
		!strings.HasSuffix(got, "measures:\n  - name: scs\n    instrument: scs-sf\n    data: scores/scs.csv\n") {
		t.Errorf("manifest:\n%s", got)
	}
}
