package export

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"slices"
	"testing"
)

// TestCSVIntoPython writes cells with line breaks, quotes, commas,
// non-ASCII and a formula through the CSV writer and reads them back with
// Python's csv module, an independent reader.
func TestCSVIntoPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	rows := [][]string{
		{"id", "text"},
		{"1", "line one\nline two"},
		{"2", "She said \"no\", then\n\nleft; café 😊"},
		{"3", "=1+1"},
		{"4", "trailing newline\n"},
	}
	var buf bytes.Buffer
	w := newCSVWriter(&buf)
	for _, r := range rows {
		if err := w.write(r...); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, "-c", "import csv, io, json, sys; print(json.dumps(list(csv.reader(io.StringIO(sys.stdin.read(), newline='')))))")
	cmd.Stdin = &buf
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(rows)
	want[3] = []string{"3", "'=1+1"}
	if len(got) != len(want) {
		t.Fatalf("python read %d rows, want %d: %q", len(got), len(want), got)
	}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("row %d: python read %q, want %q", i, got[i], want[i])
		}
	}
}

// TestCSVIntoR reads the same cells back with R's read.csv, the reader the
// researchers' analysts use, when R is installed.
func TestCSVIntoR(t *testing.T) {
	rs, err := exec.LookPath("Rscript")
	if err != nil {
		t.Skip("Rscript not found")
	}
	rows := [][]string{
		{"id", "text"},
		{"1", "line one\nline two"},
		{"2", "She said \"no\", then\n\nleft; café"},
		{"3", "=1+1"},
	}
	var buf bytes.Buffer
	w := newCSVWriter(&buf)
	for _, r := range rows {
		w.write(r...)
	}
	if err := w.flush(); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := dir + "/x.csv"
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	// Each cell of the text column printed with its length in characters
	// and newlines made visible.
	script := dir + "/read.R"
	err = os.WriteFile(script, []byte(`d <- read.csv(commandArgs(TRUE)[1], encoding = "UTF-8", stringsAsFactors = FALSE)
for (x in d$text) cat(nchar(x), gsub("\n", "|", x, fixed = TRUE), "\n")
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(rs, script, path).Output()
	if err != nil {
		t.Fatalf("Rscript: %v", err)
	}
	// "line one\nline two" is 17 characters; the second 31 (with café's é
	// as one); "'=1+1" 5.
	want := "17 line one|line two \n31 She said \"no\", then||left; café \n5 '=1+1 \n"
	if string(out) != want {
		t.Errorf("R read\n%q\nwant\n%q", out, want)
	}
}
