package main

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/codebook"
)

// execCmd runs one command built by a constructor with args, as the root
// would (flag errors are usage errors).
func execCmd(c *cobra.Command, args ...string) error {
	c.SetArgs(args)
	c.SetOut(&bytes.Buffer{})
	c.SetErr(&bytes.Buffer{})
	c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	return c.Execute()
}

func testFactory() *factory {
	return &factory{IO: &ioStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
}

// TestCodebookFlags: what each codebook command's flags parse into, and
// the misuse that exits 2 before the study is read.
func TestCodebookFlags(t *testing.T) {
	f, shared := testFactory(), &codebookFlags{}
	var add *codebookAddOptions
	if err := execCmd(newCodebookAddCmd(f, shared, func(o *codebookAddOptions) error { add = o; return nil }),
		"code", "Safe to share", "--under", "safeness", "--id", "safe", "--definition", "Speaking freely", "--by", "alice"); err != nil {
		t.Fatal(err)
	}
	if add.Kind != codebook.Code || add.Name != "Safe to share" || add.Under != "safeness" || add.ID != "safe" || add.Definition != "Speaking freely" || shared.By != "alice" {
		t.Errorf("add parsed %+v, by %q", add, shared.By)
	}
	var def *codebookDefineOptions
	if err := execCmd(newCodebookDefineCmd(f, shared, func(o *codebookDefineOptions) error { def = o; return nil }),
		"not-alone", "--exclude", "", "--concept", "Being understood"); err != nil {
		t.Fatal(err)
	}
	// Given flags are set, an empty value included (it clears); others stay nil.
	if def.Def.Definition != nil || def.Def.Include != nil || def.Def.Memo != nil ||
		def.Def.Exclude == nil || *def.Def.Exclude != "" || def.Def.Concept == nil || *def.Def.Concept != "Being understood" {
		t.Errorf("define parsed %+v", def.Def)
	}

	misuse := []struct {
		cmd  *cobra.Command
		args []string
		want string
	}{
		{newCodebookAddCmd(f, shared, nil), []string{"topic", "X"}, `"topic": say theme or code`},
		{newCodebookAddCmd(f, shared, nil), []string{"code", "Safe", "to", "share"}, "give the name as one argument, in quotes"},
		{newCodebookAddCmd(f, shared, nil), []string{"code"}, "accepts 2 arg(s)"},
		{newCodebookRenameCmd(f, shared, nil), []string{"x"}, "accepts 2 arg(s)"},
		{newCodebookMoveCmd(f, shared, nil), []string{"x"}, "say where to"},
		{newCodebookMoveCmd(f, shared, nil), []string{"x", "--under", "t", "--top"}, "say where to"},
		{newCodebookMergeCmd(f, shared, nil), []string{"a"}, "--into is required"},
		{newCodebookMergeCmd(f, shared, nil), []string{"--into", "b"}, "requires at least 1 arg"},
		{newCodebookSplitCmd(f, shared, nil), []string{"x", "--into", "A"}, "at least two new codes"},
		{newCodebookSplitCmd(f, shared, nil), []string{"x", "--into", "A", "--into", "B", "--assign", "seg"}, "write SEGMENT=NEW"},
		{newCodebookDefineCmd(f, shared, nil), []string{"x"}, "say what to set"},
		{newCodebookPinCmd(f, shared, nil, false), []string{"x"}, "--segment is required"},
		{newCodebookPinCmd(f, shared, nil, true), []string{"x", "y", "--segment", "s"}, "accepts 1 arg(s)"},
		{newCodebookHistoryCmd(f, shared, nil), []string{"--format", "xml"}, `--format "xml" is not known`},
		{newCoderAddCmd(f, nil), nil, "accepts 1 arg(s)"},
		{newCoderListCmd(f, nil), []string{"--format", "csv"}, `--format "csv" is not known`},
		{newShowCmd(f, nil), nil, "accepts 1 arg(s)"},
		{newReviewCmd(f, nil, false), []string{"P01/helped"}, "--coder is required"},
		{newReviewCmd(f, nil, true), []string{"--coder", "alice"}, "requires at least 1 arg"},
	}
	for _, m := range misuse {
		t.Run(m.cmd.Name()+" "+strings.Join(m.args, " "), func(t *testing.T) {
			err := execCmd(m.cmd, m.args...)
			var u *usageError
			if !(errors.As(err, &u) || err != nil && isCobraUsage(err)) || !strings.Contains(err.Error(), m.want) {
				t.Errorf("err %v, want a usage error with %q", err, m.want)
			}
		})
	}
}

// TestSplitParts: --into values as ID=Name or Name; a name's id is made as
// 'codebook add' makes one (a taken slug gets "-2"); --assign names a new
// code by id or by name.
func TestSplitParts(t *testing.T) {
	cb := codebook.New()
	if _, err := cb.Create("t", codebook.NewNode{Kind: codebook.Code, ID: "imagery", Name: "Imagery"}); err != nil {
		t.Fatal(err)
	}
	parts, err := splitParts(cb, []string{"breath=Breathing exercises", "Imagery", "x = y=z"})
	if err != nil {
		t.Fatal(err)
	}
	want := []codebook.NewNode{
		{Kind: codebook.Code, ID: "breath", Name: "Breathing exercises"},
		{Kind: codebook.Code, ID: "imagery-2", Name: "Imagery"}, // "imagery" is taken
		{Kind: codebook.Code, ID: "x-y-z", Name: "x = y=z"},     // "x " is no slug: all of it is the name
	}
	if !reflect.DeepEqual(parts, want) {
		t.Fatalf("splitParts =\n%+v\nwant\n%+v", parts, want)
	}
	assign, err := splitAssign(parts, []string{"0a1b2c3d4e=breath", "5f6a7b8c9d=Imagery"})
	if err != nil || !reflect.DeepEqual(assign, map[string]string{"0a1b2c3d4e": "breath", "5f6a7b8c9d": "imagery-2"}) {
		t.Errorf("splitAssign = %v, %v", assign, err)
	}
	if _, err := splitAssign(parts, []string{"0a1b2c3d4e=imagery"}); err == nil || !strings.Contains(err.Error(), "not one of the new codes (breath, imagery-2, x-y-z)") {
		t.Errorf("assign to an old code: %v", err)
	}
	if _, err := splitParts(cb, []string{"Breathing", "breathing=Breath"}); err == nil || !strings.Contains(err.Error(), `two new codes would have the id "breathing"`) {
		t.Errorf("two parts with one id: %v", err)
	}
}

// TestPrintRecoded: coders in name order, the consensus last, with the
// total.
func TestPrintRecoded(t *testing.T) {
	var b bytes.Buffer
	printRecoded(&b, "recoded", map[string]int{"consensus": 1, "bob": 2, "alice": 1})
	printRecoded(&b, "recoded", nil)
	want := "recoded 4 segments: alice 1, bob 2, consensus 1\nrecoded no segments: none carried it\n"
	if b.String() != want {
		t.Errorf("got %q, want %q", b.String(), want)
	}
}
