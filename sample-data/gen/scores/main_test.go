package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestSampleUpToDate checks that the committed scores/items.csv is what
// the generator writes: after changing the table, run
// 'go generate ./sample-data'.
func TestSampleUpToDate(t *testing.T) {
	want, err := items()
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join("..", "..", "scores", "items.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("sample-data/scores/items.csv differs from what the generator writes: run 'go generate ./sample-data'")
	}
}

// Every score in the table is one the items can carry, and the story's
// shape holds: 13 patients, 8 followed up.
func TestTable(t *testing.T) {
	fu := 0
	for _, p := range patients {
		if p.followedUp() {
			fu++
		}
	}
	if len(patients) != 13 || fu != 8 {
		t.Errorf("%d patients, %d followed up; want 13 and 8", len(patients), fu)
	}
}
