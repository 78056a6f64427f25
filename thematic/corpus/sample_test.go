package corpus

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// TestSampleStudySpans checks the theme table of docs/sample-study.md
// against the bundled sample: each listed phrase must be exactly the code
// points [start, end) of its document, since the coder files are written
// from that table.
var spanRow = regexp.MustCompile(`^\| P\d+/`)

func TestSampleStudySpans(t *testing.T) {
	s, err := study.Load(filepath.Join("..", "..", "sample-data"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := LoadDocuments(s)
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 39 {
		t.Errorf("%d documents, want 13 patients × 3 questions = 39", len(docs))
	}
	text := map[string][]rune{}
	for _, d := range docs {
		text[d.ID] = []rune(d.Text)
	}
	f, err := os.Open(filepath.Join("..", "..", "docs", "sample-study.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if !spanRow.MatchString(line) {
			continue // not a row of the theme table (e.g. the outcome measures)
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		for i := range cells {
			cells[i] = strings.TrimSpace(cells[i])
		}
		doc, phrase := cells[0], cells[4]
		start, err1 := strconv.Atoi(cells[2])
		end, err2 := strconv.Atoi(cells[3])
		r, ok := text[doc]
		if err1 != nil || err2 != nil || !ok || start < 0 || end > len(r) || start >= end {
			t.Errorf("bad row %q", line)
			continue
		}
		if got := string(r[start:end]); got != phrase {
			t.Errorf("%s [%d,%d) is %q, table says %q", doc, start, end, got, phrase)
		}
		rows++
	}
	if rows < 30 {
		t.Errorf("only %d span rows found", rows)
	}
}
