package corpus

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// checkTable asserts what every successfully read table promises: a header,
// rectangular rows, and normalised text (valid UTF-8, no CR, no BOM).
func checkTable(t *testing.T, tab *Table) {
	if tab.Header == nil {
		t.Fatal("table without a header")
	}
	cells := append([]string{}, tab.Header...)
	for _, r := range tab.Rows {
		if len(r.Cells) != len(tab.Header) {
			t.Fatalf("row %d has %d cells, header %d", r.Num, len(r.Cells), len(tab.Header))
		}
		cells = append(cells, r.Cells...)
	}
	for _, c := range cells {
		if !utf8.ValidString(c) || strings.ContainsAny(c, "\r\uFEFF") {
			t.Fatalf("cell not normalised: %q", c)
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"id,text\nP1,hello\n",
		"id;text\r\nP1;\"a\r\nb\"\r\n",
		"\xEF\xBB\xBFid\ttext\nP1\t😊\n",
		"\xFF\xFEi\x00d\x00,\x00x\x00\n\x001\x00,\x00y\x00",
		"id,text\n\x93Caf\xE9\x94,\xA3\n",
		"id,a\n1,\"x\n",
		"a,b\n1,2,3\n",
		"sep=;\na;b\n1;2\n",
		"Q1,Q2\nWording 1,Wording 2\n{\"ImportId\":1},{\"ImportId\":2}\nx,y\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadCSV("fuzz.csv", data)
		if err != nil {
			return
		}
		checkTable(t, tab)
		// The normalised copy must read back as the same table.
		out, err := tab.WriteCSV()
		if err != nil {
			t.Fatal(err)
		}
		back, err := ReadNormalised("fuzz.csv", out)
		if err != nil {
			t.Fatalf("normalised copy does not read back: %v\n%q", err, out)
		}
		if len(back.Rows) != len(tab.Rows) {
			t.Fatalf("normalised copy has %d rows, want %d", len(back.Rows), len(tab.Rows))
		}
	})
}

func FuzzReadXLSX(f *testing.F) {
	f.Add(xlsxBytes(f, [][]any{{"id", "text"}, {"P1", "hello 😊"}, {"P2", ""}}))
	f.Add([]byte("PK\x03\x04 not really a zip"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := ReadXLSX("fuzz.xlsx", data, "")
		if err != nil {
			return
		}
		checkTable(t, tab)
	})
}
