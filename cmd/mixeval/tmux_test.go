package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
)

// The tmux scenarios drive the real binary in a terminal of 80×24 as a
// person would (testdata/tmux/*.sh); these tests run them and check the
// files they leave. Without tmux they are skipped (.ci/run installs it).

func buildMixeval(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Skip("tmux is not installed (apt-get install tmux); .ci/run installs it")
	}
	if testing.Short() {
		t.Skip("tmux scenarios take seconds; skipped with -short")
	}
	bin := filepath.Join(t.TempDir(), "mixeval")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// runScenario runs testdata/tmux/NAME.sh on a new study and returns the
// study folder.
func runScenario(t *testing.T, bin, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "study")
	cmd := exec.Command("bash", filepath.Join("testdata", "tmux", name+".sh"))
	cmd.Env = append(os.Environ(), "MIXEVAL="+bin, "STUDY="+dir, "SOCK=mixeval-"+name+"-"+filepath.Base(filepath.Dir(dir)))
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s.sh: %v\n%s", name, err, out)
	}
	return dir
}

func TestTmuxScenarios(t *testing.T) {
	bin := buildMixeval(t)

	// The acceptance scenario: one segment coded tui-smoke from 0 to the
	// end of the second word of P01/helped ("Meeting other people ...":
	// "Meeting" is 0-7, "other" 8-13), and newcomer listed as a coder.
	t.Run("code_smoke", func(t *testing.T) {
		t.Parallel()
		dir := runScenario(t, bin, "code_smoke")
		f, err := coding.Load(filepath.Join(dir, "coding", "newcomer.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Segments) != 1 {
			t.Fatalf("newcomer has %d segments, want 1: %+v", len(f.Segments), f.Segments)
		}
		s := f.Segments[0]
		if s.Document != "P01/helped" || s.Start != 0 || s.End != 13 || !slices.Equal(s.Codes, []string{"tui-smoke"}) {
			t.Fatalf("segment %s %d-%d %v, want P01/helped 0-13 [tui-smoke]", s.Document, s.Start, s.End, s.Codes)
		}
		st, err := study.Load(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(st.Manifest.Coders, "newcomer") {
			t.Fatalf("mixeval.yaml coders %v lack newcomer", st.Manifest.Coders)
		}
	})

	// A theme made in phase 3 holds the two codes moved under it, and
	// phase 5 gave it the definition typed.
	t.Run("themes", func(t *testing.T) {
		t.Parallel()
		dir := runScenario(t, bin, "themes")
		cb, err := codebook.Load(filepath.Join(dir, "codebook.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		n := cb.Find("feeling-heard")
		if n == nil || n.Kind != codebook.Theme || n.Name != "Feeling heard" {
			t.Fatalf("no theme feeling-heard named Feeling heard: %+v", n)
		}
		var codes []string
		for _, c := range n.Codes {
			codes = append(codes, c.ID)
		}
		slices.Sort(codes)
		if !slices.Equal(codes, []string{"not-alone", "wish-for-contact"}) {
			t.Fatalf("feeling-heard holds %v, want not-alone and wish-for-contact", codes)
		}
		if n.Definition != "Being listened to and believed about the pain." {
			t.Fatalf("definition %q", n.Definition)
		}
		if p := cb.Parent("connection"); p == nil || p.ID != "sense-of-belonging" {
			t.Fatalf("connection moved away from sense-of-belonging")
		}
	})

	// Both coders' actions are in their own files; alice's theme exists.
	t.Run("two_coders", func(t *testing.T) {
		t.Parallel()
		dir := runScenario(t, bin, "two_coders")
		for _, who := range []string{"alice", "bob"} {
			f, err := coding.Load(filepath.Join(dir, "coding", who+".yaml"))
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, s := range f.SegmentsIn("P02/online") {
				if s.Start == 0 && s.End == 4 && slices.Equal(s.Codes, []string{"brief-" + who}) {
					found = true
				}
			}
			if !found {
				t.Fatalf("%s's file lacks P02/online 0-4 brief-%s", who, who)
			}
		}
		cb, err := codebook.Load(filepath.Join(dir, "codebook.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if cb.Find("shared-idea") == nil || cb.Find("brief-alice") == nil || cb.Find("brief-bob") == nil {
			t.Fatal("codebook lacks the theme or the codes made in the two terminals")
		}
	})

	// Killed right after the segment showed on screen: the coding read back
	// (file plus journal) holds it, and the coder can open it again.
	t.Run("sigkill", func(t *testing.T) {
		t.Parallel()
		dir := runScenario(t, bin, "sigkill")
		f, err := coding.Read(dir, "newcomer")
		if err != nil {
			t.Fatal(err)
		}
		if len(f.Segments) != 1 || f.Segments[0].End != 13 || !slices.Equal(f.Segments[0].Codes, []string{"killed"}) {
			t.Fatalf("after SIGKILL newcomer's coding is %+v, want one segment 0-13 coded killed", f.Segments)
		}
		s, err := coding.Open(dir, "newcomer")
		if err != nil {
			t.Fatalf("the lock of the killed UI was not released: %v", err)
		}
		s.Close()
		if _, err := os.Stat(filepath.Join(dir, "coding", "newcomer.yaml")); err != nil && !strings.Contains(err.Error(), "no such") {
			t.Fatal(err)
		}
	})
}
