package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runArgs(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(args, &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut})
	return out.String(), errOut.String(), code
}

func TestRootExitCodes(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		inStdout string
		inStderr string
	}{
		{"version", []string{"--version"}, 0, "mixeval version", ""},
		{"help", []string{"--help"}, 0, "Usage:", ""},
		{"unknown command", []string{"frobnicate"}, 2, "", "unknown command"},
		{"unknown flag", []string{"--frob"}, 2, "", "Run 'mixeval --help' for usage."},
		{"no study", []string{"quant", "--study", "/nonexistent-study"}, 1, "", "no study found"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runArgs(t, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tt.code, errOut)
			}
			if !strings.Contains(out, tt.inStdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.inStdout)
			}
			if !strings.Contains(errOut, tt.inStderr) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.inStderr)
			}
		})
	}
}

// An import whose every row is wrong lists its first problems and counts
// the rest, rather than printing a line per row.
func TestManyProblemsAreCapped(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	var form strings.Builder
	form.WriteString("id,helped\n")
	for i := 0; i < 250; i++ {
		form.WriteString("P1,same id\n") // 249 duplicates of the first row's id
	}
	path := filepath.Join(t.TempDir(), "form.csv")
	if err := os.WriteFile(path, []byte(form.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, code := runArgs(t, "init", dir); code != 0 {
		t.Fatal("init failed")
	}
	_, stderr, code := runArgs(t, "import", path, "--id", "id", "--text", "helped", "--study", dir)
	if code != exitUser {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	// The count line, 100 problems, and one line counting the other 149.
	if !strings.HasPrefix(lines[0], "mixeval: 249 problems:") || len(lines) != 102 || !strings.Contains(lines[101], "and 149 more problems") {
		t.Fatalf("%d lines; first %q, last %q", len(lines), lines[0], lines[len(lines)-1])
	}
}
