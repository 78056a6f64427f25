package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// TestMarkSpans: spans are code points, so é and 😊 count one each.
//
//	C a f é ␠ 😊 ␠ g r o u p ␠ i  s  ␠  k  i  n  d
//	0 1 2 3 4 5  6 7 8 9 10 11 12 13 14 15 16 17 18 19
//
// Segments [0,4) "Café", [5,12) "😊 group" and [7,20) "group is kind"
// overlap on 7-12 ("group").
func TestMarkSpans(t *testing.T) {
	text := "Café 😊 group is kind"
	segs := []coding.Segment{{Start: 0, End: 4}, {Start: 5, End: 12}, {Start: 7, End: 20}}
	if got, want := markSpans(text, segs, false), "[Café] [😊 [group] is kind]"; got != want {
		t.Errorf("markers: %q, want %q", got, want)
	}
	u, ub, off := "\x1b[0m\x1b[4m", "\x1b[0m\x1b[1;4m", "\x1b[0m"
	want := u + "Café" + off + " " + u + "😊 " + ub + "group" + u + " is kind" + off
	if got := markSpans(text, segs, true); got != want {
		t.Errorf("styles: %q, want %q", got, want)
	}
	// A span past the end of a changed text is marked up to its end; an
	// empty or inverted one not at all.
	if got := markSpans("short", []coding.Segment{{Start: 2, End: 40}, {Start: 3, End: 3}}, false); got != "sh[ort]" {
		t.Errorf("past the end: %q", got)
	}
	if got := markSpans(text, nil, true); got != text {
		t.Errorf("no segments: %q", got)
	}
}

// TestShowTerminal: on a terminal with colour the coded spans are styled
// instead of bracketed; the JSON never carries styles.
func TestShowTerminal(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "st")
	if err := study.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	io := &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &bytes.Buffer{}, OutTerminal: true, Color: true}
	if code := run([]string{"show", "P11/helped", "--coder", "alice", "--study", dir}, io); code != 0 {
		t.Fatalf("exit %d", code)
	}
	// alice's segments on P11/helped are 23-94 and 96-134 (alice.yaml).
	if !strings.Contains(out.String(), "Being in a group where \x1b[0m\x1b[4mI could listen") || strings.Contains(out.String(), "[I could") {
		t.Errorf("terminal output:\n%q", out.String())
	}
	out.Reset()
	if code := run([]string{"show", "P11/helped", "--coder", "alice", "--format", "json", "--study", dir}, io); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc showJSON
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil || strings.Contains(out.String(), "\x1b") {
		t.Fatalf("json %v: %q", err, out.String())
	}
	if len(doc.Segments) != 2 || doc.Segments[0].Start != 23 || doc.Segments[0].End != 94 {
		t.Errorf("segments %+v", doc.Segments)
	}
}
