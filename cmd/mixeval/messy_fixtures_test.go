package main

import (
	"bytes"
	"flag"
	"maps"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

var updateFixtures = flag.Bool("update-fixtures", false, "rewrite testdata/messy from messyFixtures")

// messyFixtures are the byte-exact input files of the import_*.txtar
// scripts, which cannot hold NUL bytes or invalid UTF-8 themselves. Each is
// built here from readable text so that a reader sees what the bytes are.
func messyFixtures(t *testing.T) map[string][]byte {
	const rows = "Respondent\tGroup\tWhat helped?\tOnline?\r\n" +
		"P01\t1\t\"Costs £0 – and the café chats 😊\r\nsecond line\"\t\r\n" +
		"P02\t2\tThe breathing\tEasy\r\n"
	m := map[string][]byte{
		// Excel's "Unicode text": UTF-16LE with BOM, tab-separated, CRLF.
		"utf16le-bom-tab.csv": append([]byte{0xFF, 0xFE}, utf16Bytes(rows, false)...),
		// UTF-16BE without a BOM, comma-separated.
		"utf16be-nobom.csv": utf16Bytes("Respondent,Group,What helped?,Online?\nP01,1,Being heard,\nP02,2,\"Tools, and more tools\",Fine\n", true),
		// Excel "CSV" on a European Windows: Windows-1252, semicolons, CRLF.
		// 0x93/0x94 are curly double quotes, 0x92 a curly apostrophe, 0xA3 £,
		// 0xE9 é, and the quoted cell holds a line break.
		"win1252-semicolon.csv": []byte("Respondent;Group;What helped?;Online?\r\n" +
			"P01;1;\"It\x92s the \x93caf\xE9\x94 feeling;\r\nfree (\xA30)\";\r\n" +
			"P02;2;Others;Good\r\n"),
		// Google Forms / Excel "CSV UTF-8": a BOM, a decomposed é (e + U+0301)
		// and an emoji.
		"utf8-bom.csv": []byte("\xEF\xBB\xBFRespondent,Group,What helped?,Online?\n" +
			"P01,1,\"The cafe\u0301 😊\",\n" +
			"P02,2,,\n"),
		"duplicate-ids.csv": []byte("Respondent,Group,What helped?,Online?\n" +
			"P01,1,a,b\nP02,1,c,d\nP01,2,e,f\n"),
		"form.xlsx": formXLSX(t),
	}
	maps.Copy(m, plantedFixtures())
	return m
}

func utf16Bytes(s string, bigEndian bool) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			b = append(b, byte(u>>8), byte(u))
		} else {
			b = append(b, byte(u), byte(u>>8))
		}
	}
	return b
}

// formXLSX is a Microsoft Forms style workbook whose answers are on a
// second sheet, "Form1".
func formXLSX(t *testing.T) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.NewSheet("Form1")
	rows := [][]any{
		{"ID", "Start time", "Respondent", "Group", "What helped?", "Online?"},
		{1, "3/3/2025 10:10", "P01", 1, "Line one\nline two 😊", "Easy"},
		{2, "3/4/2025 10:11", "P02", 2, "", "No travel"},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Form1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	// Fixed document properties keep the bytes the same run to run.
	f.SetDocProps(&excelize.DocProperties{Created: "2025-03-01T00:00:00Z", Modified: "2025-03-01T00:00:00Z"})
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMessyFixtures keeps testdata/messy in step with messyFixtures; run
// with -update-fixtures after changing them. The workbook is only checked
// for presence: zip timestamps make its bytes vary.
func TestMessyFixtures(t *testing.T) {
	dir := filepath.Join("testdata", "messy")
	for name, want := range messyFixtures(t) {
		path := filepath.Join(dir, name)
		if *updateFixtures {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestMessyFixtures -update-fixtures)", err)
		}
		if filepath.Ext(name) != ".xlsx" && !bytes.Equal(got, want) {
			t.Errorf("%s differs from messyFixtures; run with -update-fixtures", path)
		}
	}
}
