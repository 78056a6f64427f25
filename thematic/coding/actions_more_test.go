package coding

import (
	"slices"
	"testing"
)

// SetCodes, Adjust and Restore are journaled like every action: after a
// reopen (which replays or reads the fold) the segment is as the calls
// left it.
func TestSetCodesAdjustRestore(t *testing.T) {
	dir := newStudy(t)
	d := doc("P01/q", "We felt safe and heard in the group")
	s := openTest(t, dir)
	seg, err := s.Code(d, 3, 12, []string{"safe"}, "first memo")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetCodes(seg.ID, []string{"heard", "belonging"}); err != nil {
		t.Fatal(err)
	}
	// "safe and heard" is code points 8-22: W-e-space-f-e-l-t-space = 8.
	if err := s.Adjust(seg.ID, d, 8, 22); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Segment(seg.ID)
	if got.Start != 8 || got.End != 22 || got.Memo != "first memo" || !slices.Equal(got.Codes, []string{"belonging", "heard"}) {
		t.Fatalf("after SetCodes and Adjust: %+v", got)
	}
	if _, ok := s.FindSpan("P01/q", 3, 12); ok {
		t.Error("the old span still finds the segment")
	}
	other, err := s.Code(d, 0, 2, []string{"we"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Adjust(other.ID, d, 8, 22); err == nil {
		t.Error("adjusting onto another segment's span was allowed")
	}
	if err := s.Uncode(seg.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore([]Segment{got}); err != nil {
		t.Fatal(err)
	}
	if err := s.Restore([]Segment{got}); err == nil {
		t.Error("restoring a segment that exists was allowed")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	var back Segment
	for _, g := range f.Segments {
		if g.ID == seg.ID {
			back = g
		}
	}
	if back.Start != 8 || back.End != 22 || back.Memo != "first memo" || !back.Created.Equal(got.Created) || !slices.Equal(back.Codes, got.Codes) {
		t.Errorf("restored %+v, want %+v", back, got)
	}
}
