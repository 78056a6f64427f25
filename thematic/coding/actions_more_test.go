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

// SetCodesMany changes and removes many segments in one journal record,
// kept across a reopen; an unknown segment refuses the whole batch.
func TestSetCodesMany(t *testing.T) {
	dir := newStudy(t)
	d := doc("P01/q", "one two three four")
	s := openTest(t, dir)
	var ids []string
	for _, sp := range [][2]int{{0, 3}, {4, 7}, {8, 13}} {
		seg, err := s.Code(d, sp[0], sp[1], []string{"x"}, "")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, seg.ID)
	}
	if err := s.SetCodesMany([]SegmentCodes{{ID: ids[0]}, {ID: "nope"}}); err == nil {
		t.Fatal("an unknown segment was accepted")
	}
	if s.Len() != 3 {
		t.Fatal("a refused batch changed the coding")
	}
	before := s.j.size
	if err := s.SetCodesMany([]SegmentCodes{{ID: ids[0]}, {ID: ids[1], Codes: []string{"y", "x"}}}); err != nil {
		t.Fatal(err)
	}
	if recs, _ := readJournal(s.j.path); len(recs) == 0 || s.j.size <= before {
		t.Fatal("no journal record")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Segments) != 2 || !slices.Equal(f.Segments[0].Codes, []string{"x", "y"}) || f.Segments[1].ID != ids[2] {
		t.Errorf("segments after reopen: %+v", f.Segments)
	}
}
