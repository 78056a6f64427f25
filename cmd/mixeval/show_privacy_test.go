package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// On a terminal, show lists the personal data in the answer that no one has
// allowed; off a terminal (a pipe, a file) it does not.
func TestShowMarksPersonalData(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "s")
	form := filepath.Join(t.TempDir(), "form.csv")
	// "Email me at jo.bloggs@example.org please" : the address is code
	// points 12-33 ("Email me at " is 12; the address 21 characters).
	if err := os.WriteFile(form, []byte("id,helped\nP1,Email me at jo.bloggs@example.org please\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"init", dir}, {"import", form, "--id", "id", "--text", "helped", "--study", dir}} {
		var out, errOut bytes.Buffer
		if code := run(args, &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut}); code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut.String())
		}
	}
	for _, terminal := range []bool{true, false} {
		var out, errOut bytes.Buffer
		code := run([]string{"show", "P1/helped", "--study", dir}, &ioStreams{In: strings.NewReader(""), Out: &out, ErrOut: &errOut, OutTerminal: terminal})
		if code != 0 {
			t.Fatalf("show: exit %d: %s", code, errOut.String())
		}
		listed := strings.Contains(out.String(), "email 12-33  none")
		if listed != terminal {
			t.Errorf("terminal %v: finding listed %v in\n%s", terminal, listed, out.String())
		}
	}
}
