package codebook

import (
	"errors"
	"strings"
	"testing"
	"time"
)

func undoFixture(t *testing.T) *Codebook {
	t.Helper()
	cb := New()
	cb.Clock = func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }
	for _, n := range []NewNode{
		{Kind: Theme, ID: "connection", Name: "Connection"},
		{Kind: Theme, ID: "practice", Name: "Practice"},
		{Kind: Code, ID: "not-alone", Name: "Not alone", Parent: "connection", Definition: "others share the pain"},
		{Kind: Code, ID: "belonging", Name: "Belonging", Parent: "connection"},
		{Kind: Code, ID: "home-practice", Name: "Home practice", Parent: "practice"},
	} {
		if _, err := cb.Create("alice", n); err != nil {
			t.Fatal(err)
		}
	}
	return cb
}

// step runs op on cb and returns the states before and after it.
func step(t *testing.T, cb *Codebook, op func(*Codebook) error) (before, after *Codebook) {
	t.Helper()
	before = cb.Clone()
	if err := op(cb); err != nil {
		t.Fatal(err)
	}
	return before, cb.Clone()
}

func TestRevertMergeRestoresBothCodes(t *testing.T) {
	cb := undoFixture(t)
	before, after := step(t, cb, func(c *Codebook) error { _, err := c.Merge("alice", "not-alone", "belonging"); return err })
	if cb.Find("not-alone") != nil {
		t.Fatal("merge kept the code")
	}
	touched, err := cb.Revert("bob", before, after)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(touched, ",") != "belonging,not-alone" {
		t.Errorf("touched %v", touched)
	}
	n := cb.Find("not-alone")
	if n == nil || n.Definition != "others share the pain" || cb.Parent("not-alone").ID != "connection" {
		t.Fatalf("not-alone back as %+v", n)
	}
	if d := cb.Find("belonging").Definition; d != "" {
		t.Errorf("belonging kept the merged definition %q", d)
	}
	// Order under the theme is as before: not-alone first.
	if got := cb.Find("connection").Codes[0].ID; got != "not-alone" {
		t.Errorf("first code %s", got)
	}
	if len(cb.Remaps()) != 0 {
		t.Errorf("the undone merge still remaps: %v", cb.Remaps())
	}
	last := cb.History[len(cb.History)-1]
	if last.What != OpUndo || last.Undoes != len(after.History) || last.Who != "bob" {
		t.Errorf("history %+v", last)
	}
	if err := cb.Validate(); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Revert("bob", before, after); err == nil {
		t.Error("undoing twice was allowed")
	}
}

func TestRevertMoveAndConflict(t *testing.T) {
	cb := undoFixture(t)
	before, after := step(t, cb, func(c *Codebook) error { return c.Move("alice", "belonging", "practice") })
	// A later rename of the moved code conflicts with undoing the move.
	if err := cb.Rename("bob", "belonging", "Feeling part of it"); err != nil {
		t.Fatal(err)
	}
	saved := cb.Clone()
	if _, err := cb.Revert("alice", before, after); !errors.Is(err, ErrUndoConflict) {
		t.Fatalf("err = %v, want a conflict", err)
	}
	if len(cb.History) != len(saved.History) || cb.Parent("belonging").ID != "practice" {
		t.Error("a refused undo changed the codebook")
	}
	// A later change elsewhere does not stand in the way.
	cb2 := undoFixture(t)
	before, after = step(t, cb2, func(c *Codebook) error { return c.Move("alice", "belonging", "practice") })
	if err := cb2.Rename("bob", "home-practice", "Practising at home"); err != nil {
		t.Fatal(err)
	}
	if _, err := cb2.Revert("alice", before, after); err != nil {
		t.Fatal(err)
	}
	if cb2.Parent("belonging").ID != "connection" || cb2.Find("home-practice").Name != "Practising at home" {
		t.Error("move not undone, or the later rename lost")
	}
}

func TestRevertCreateRefusedWhenItHoldsLaterNodes(t *testing.T) {
	cb := undoFixture(t)
	before, after := step(t, cb, func(c *Codebook) error {
		_, err := c.Create("alice", NewNode{Kind: Theme, ID: "hope", Name: "Hope"})
		return err
	})
	if err := cb.Move("alice", "belonging", "hope"); err != nil {
		t.Fatal(err)
	}
	if _, err := cb.Revert("alice", before, after); err == nil || !strings.Contains(err.Error(), `"hope" now holds "belonging"`) {
		t.Fatalf("err = %v", err)
	}
}
