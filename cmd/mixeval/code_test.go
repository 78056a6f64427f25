package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// TestCodeLockedCoder: while another session holds bob's file, code,
// uncode and autocode refuse with the coding package's message, exit 1,
// and leave the coder file and the codebook as they were.
func TestCodeLockedCoder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "st")
	if err := study.InitFromFS(dir, sampledata.FS()); err != nil {
		t.Fatal(err)
	}
	holder, err := coding.Open(dir, "bob")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	before, _ := os.ReadFile(filepath.Join(dir, "coding", "bob.yaml"))
	cbBefore, _ := os.ReadFile(filepath.Join(dir, "codebook.yaml"))
	tests := [][]string{
		{"code", "--coder", "bob", "--doc", "P13/online", "--start", "0", "--end", "72", "--code", "brand-new"},
		{"uncode", "--coder", "bob", "--doc", "P01/helped", "--start", "57", "--end", "119"},
		{"autocode", "video", "--coder", "bob", "--code", "brand-new"},
	}
	for _, args := range tests {
		t.Run(args[0], func(t *testing.T) {
			var out, errOut bytes.Buffer
			code := run(append(args, "--study", dir), &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
			if code != exitUser {
				t.Errorf("exit %d, want 1", code)
			}
			want := "coding/bob.yaml is open in another mixeval (pid " // the pid is this test's own
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("stderr %q, want %q", errOut.String(), want)
			}
			after, _ := os.ReadFile(filepath.Join(dir, "coding", "bob.yaml"))
			cbAfter, _ := os.ReadFile(filepath.Join(dir, "codebook.yaml"))
			if !bytes.Equal(before, after) || !bytes.Equal(cbBefore, cbAfter) {
				t.Error("a refused command changed coding/bob.yaml or codebook.yaml")
			}
		})
	}
}

// TestCodingCommandFlags: the flag checks that make misuse exit 2 before
// anything is read.
func TestCodingCommandFlags(t *testing.T) {
	tests := []struct {
		args      []string
		wantUsage string // "" when the flags are fine
	}{
		{[]string{"code", "--coder", "a", "--doc", "P01/x", "--start", "0", "--end", "3", "--code", "c"}, ""},
		{[]string{"code", "--coder", "a", "--doc", "P01/x", "--start", "0", "--end", "3"}, "--code is required"},
		{[]string{"code", "--coder", "a", "--doc", "P01/x", "--end", "3", "--code", "c"}, "--start is required"},
		{[]string{"code", "--coder", "a", "--doc", "P01/x", "--start", "x", "--end", "3", "--code", "c"}, "invalid argument"},
		{[]string{"code", "extra", "--coder", "a"}, "unknown command"},
		{[]string{"uncode", "--coder", "a", "--segment", "0a1b2c3d4e"}, ""},
		{[]string{"uncode", "--coder", "a", "--doc", "P01/x", "--start", "0", "--end", "3", "--code", "c"}, ""},
		{[]string{"uncode", "--segment", "0a1b2c3d4e"}, "--coder is required"},
		{[]string{"uncode", "--coder", "a"}, "name the segment"},
		{[]string{"uncode", "--coder", "a", "--doc", "P01/x", "--start", "0"}, "--doc, --start and --end go together"},
		{[]string{"uncode", "--coder", "a", "--segment", "s", "--doc", "P01/x"}, "not both"},
		{[]string{"autocode", "pain", "--coder", "a", "--code", "c"}, ""},
		{[]string{"autocode", "pain", "--coder", "a", "--code", "c", "--unit", "document", "--dry-run"}, ""},
		{[]string{"autocode", "--coder", "a", "--code", "c"}, "requires at least 1 arg"},
		{[]string{"autocode", "pain", "--code", "c"}, "--coder is required"},
		{[]string{"autocode", "pain", "--coder", "a"}, "--code is required"},
		{[]string{"autocode", "pain", "--coder", "a", "--code", "c", "--unit", "word"}, `unit "word" is not known`},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var errOut bytes.Buffer
			f := &factory{IO: &ioStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &errOut}}
			ran := false
			var cmd = map[string]func() error{
				"code": func() error {
					c := newCodeCmd(f, func(*codeOptions) error { ran = true; return nil })
					c.SetArgs(tt.args[1:])
					c.SetOut(&bytes.Buffer{})
					c.SetErr(&bytes.Buffer{})
					c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
					return c.Execute()
				},
				"uncode": func() error {
					c := newUncodeCmd(f, func(*uncodeOptions) error { ran = true; return nil })
					c.SetArgs(tt.args[1:])
					c.SetOut(&bytes.Buffer{})
					c.SetErr(&bytes.Buffer{})
					c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
					return c.Execute()
				},
				"autocode": func() error {
					c := newAutocodeCmd(f, func(*autocodeOptions) error { ran = true; return nil })
					c.SetArgs(tt.args[1:])
					c.SetOut(&bytes.Buffer{})
					c.SetErr(&bytes.Buffer{})
					c.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
					return c.Execute()
				},
			}[tt.args[0]]
			err := cmd()
			if tt.wantUsage == "" {
				if err != nil || !ran {
					t.Fatalf("err %v, ran %v", err, ran)
				}
				return
			}
			var u *usageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), tt.wantUsage) {
				t.Fatalf("err %v, want a usage error with %q", err, tt.wantUsage)
			}
			if ran {
				t.Error("the command ran despite misuse")
			}
		})
	}
}
