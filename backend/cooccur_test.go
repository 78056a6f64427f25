package backend_test

import (
	"reflect"
	"testing"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/thematic/coding"
)

// TestCoOccurrence counts by hand: d1 carries a, b (twice) and c; d2 a and
// b; d3 c alone. So a-b on d1 and d2 (2), a-c and b-c on d1 only (1 each).
func TestCoOccurrence(t *testing.T) {
	seg := func(doc string, codes ...string) coding.Segment {
		return coding.Segment{Document: doc, Codes: codes}
	}
	f := &coding.File{Segments: []coding.Segment{
		seg("d1", "a", "b"), seg("d1", "b"), seg("d1", "c"),
		seg("d2", "b"), seg("d2", "a"),
		seg("d3", "c"),
	}}
	want := []backend.CodePair{{"a", "b", 2}, {"a", "c", 1}, {"b", "c", 1}}
	if got := backend.CoOccurrence(f); !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}
