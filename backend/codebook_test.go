package backend

import (
	"testing"

	"github.com/mixeval/mixeval/codebook"
)

// A long-lived front end sees codebook changes other processes make.
func TestCodebookSeesOtherWriters(t *testing.T) {
	b := newWorkflowStudy(t)
	cb, err := b.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	if len(cb.AllCodes()) != 0 {
		t.Fatal("a new study has codes")
	}
	other, err := Open(b.Dir(), Options{Who: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.AddNode(NodeSpec{Kind: codebook.Code, Name: "Hope"}); err != nil {
		t.Fatal(err)
	}
	cb, err = b.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	if !cb.IsCode("hope") {
		t.Error("the change made by another writer is not seen")
	}
	// A change through this Study applies to the file as it is now, so
	// the other writer's code stays.
	if _, _, err := b.AddNode(NodeSpec{Kind: codebook.Theme, Name: "Looking ahead"}); err != nil {
		t.Fatal(err)
	}
	cb, _ = other.Codebook()
	if !cb.IsCode("hope") || cb.Find("looking-ahead") == nil {
		t.Error("a change lost the other writer's code")
	}
}

func TestAddCoder(t *testing.T) {
	b := newWorkflowStudy(t)
	if added, err := b.AddCoder("alice"); err != nil || added {
		t.Errorf("adding a listed coder: added %v, %v", added, err)
	}
	if _, err := b.AddCoder("consensus"); err == nil {
		t.Error("the reserved name was accepted")
	}
	if _, err := b.AddCoder("Carol Smith"); err == nil {
		t.Error("a name with a space was accepted")
	}
	if added, err := b.AddCoder("carol"); err != nil || !added {
		t.Fatalf("add carol: %v %v", added, err)
	}
	fresh, err := Open(b.Dir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := fresh.Manifest().Manifest.Coders; len(got) != 3 || got[2] != "carol" {
		t.Errorf("coders on disk %v", got)
	}
}

func TestCheckSpan(t *testing.T) {
	b := newWorkflowStudy(t)
	tests := []struct {
		doc        string
		start, end int
		ok         bool
	}{
		{"P1/helped", 0, 20, true}, // "The group felt safe." is 20 code points
		{"P1/helped", 19, 20, true},
		{"P1/helped", 0, 21, false},
		{"P1/helped", 3, 3, false},
		{"P1/helped", -1, 2, false},
		{"P9/helped", 0, 1, false},
	}
	for _, tt := range tests {
		_, err := b.checkSpan(tt.doc, tt.start, tt.end)
		if (err == nil) != tt.ok {
			t.Errorf("%s %d-%d: err %v", tt.doc, tt.start, tt.end, err)
		}
	}
}

func TestNearestCodes(t *testing.T) {
	cb := codebook.New()
	for _, id := range []string{"safety", "feeling-safe", "breathing", "home-practice"} {
		if _, err := cb.Create("t", codebook.NewNode{Kind: codebook.Code, ID: id, Name: id}); err != nil {
			t.Fatal(err)
		}
	}
	// "safty" is one deletion from "safety"; "breath" is contained in
	// "breathing"; "zebra" is near nothing.
	for id, want := range map[string]string{"safty": "safety", "breath": "breathing"} {
		got := nearestCodes(cb, id, 3)
		if len(got) == 0 || got[0] != want {
			t.Errorf("nearest to %q: %v, want %q first", id, got, want)
		}
	}
	if got := nearestCodes(cb, "zebra", 3); len(got) != 0 {
		t.Errorf("nearest to zebra: %v", got)
	}
}
