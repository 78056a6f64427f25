package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sampledata "github.com/mixeval/mixeval/sample-data"
	"github.com/mixeval/mixeval/thematic"
	"github.com/mixeval/mixeval/thematic/coding"
)

// TestCodeLockedCoder: while another session holds bob's file, code,
// uncode and autocode refuse with the coding package's message, exit 1,
// and leave the coder file and the codebook as they were.
func TestCodeLockedCoder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "st")
	if err := thematic.InitFromSample(dir, sampledata.FS()); err != nil {
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
