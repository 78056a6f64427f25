package main

import (
	"bytes"
	"encoding/csv"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

func TestResponsesDeterministic(t *testing.T) {
	a, b := responses(200, 7), responses(200, 7)
	if !bytes.Equal(a, b) {
		t.Error("the same seed gave different bytes")
	}
	if bytes.Equal(a, responses(200, 8)) {
		t.Error("different seeds gave the same bytes")
	}
	rows, err := csv.NewReader(bytes.NewReader(a)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 201 {
		t.Fatalf("%d rows, want header + 200", len(rows))
	}
	for _, r := range rows[1:] {
		if n := len(strings.Fields(r[3])); n < 30 || n > 50 {
			t.Errorf("%s has %d words, want 30 to 50", r[0], n)
		}
	}
}

func TestGenerateImportable(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "big")
	if err := generate(dir, 300, 1); err != nil {
		t.Fatal(err)
	}
	s, err := study.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if probs := corpus.Validate(s, corpus.SourceCheck); len(probs) > 0 {
		t.Fatal(probs)
	}
	docs, err := corpus.LoadDocuments(s)
	if err != nil || len(docs) != 300 || docs[0].ID != "R001/experience" {
		t.Fatalf("%d documents, first %v, err %v", len(docs), docs[0].ID, err)
	}
}
