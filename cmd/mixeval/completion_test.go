package main

import (
	"fmt"
	"reflect"
	"testing"
)

// TestNarrowPrefixes: 2,500 ids R0001/q … R2500/q with at most 100
// offered. Cut after 1 byte: {R}; 2: {R0, R1, R2}; 3: R00 … R25, 26 of
// them (R25 only for R2500); 4: R000 … R250, 251, too many. So R00 … R25.
func TestNarrowPrefixes(t *testing.T) {
	var ids []string
	for i := 1; i <= 2500; i++ {
		ids = append(ids, fmt.Sprintf("R%04d/q", i))
	}
	got := narrowPrefixes(ids, 0, 100)
	var want []string
	for i := 0; i <= 25; i++ {
		want = append(want, fmt.Sprintf("R%02d", i))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("narrowPrefixes = %q, want %q", got, want)
	}
	// After "R24" is typed: R2400/q … R2499/q, 100 ids, cut after 4 bytes
	// gives R240 … R249 (10), after 5 R2400 … R2499 (100), after 6 the
	// ids themselves with their "/" (100), and no more: the whole ids.
	r24 := prefixRange(ids, "R24")
	if len(r24) != 100 {
		t.Fatalf("%d ids start R24", len(r24))
	}
	if got := narrowPrefixes(r24, 3, 100); len(got) != 100 || got[0] != "R2400/q" {
		t.Errorf("after R24: %d prefixes, first %q", len(got), got[0])
	}
	// Cuts land on whole characters: é is two bytes.
	if got := narrowPrefixes([]string{"é1/q", "é2/q"}, 0, 1); !reflect.DeepEqual(got, []string{"é"}) {
		t.Errorf("multi-byte: %q", got)
	}
}
