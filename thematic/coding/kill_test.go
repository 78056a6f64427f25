package coding

// The kill test: a real child process (this test binary, re-executed in a
// helper mode) performs a long run of coding actions and is killed with
// SIGKILL at random moments, some of them in the middle of a fold. After
// every kill the study must read back valid, and hold every action the child
// reported as confirmed; only the action in flight may be missing, and a
// batch is kept whole or not at all.

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mixeval/mixeval/thematic/corpus"
)

const (
	childEnv      = "MIXEVAL_CODING_KILL_CHILD" // study folder
	childStartEnv = "MIXEVAL_CODING_KILL_START" // first action number
	childPauseEnv = "MIXEVAL_CODING_KILL_PAUSE" // pause after the YAML is saved in a fold
	batchSize     = 20
	killDocText   = "abcdefghijklmnopqrstuvwxyz"
)

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		os.Exit(runKillChild(dir))
	}
	os.Exit(m.Run())
}

func killDoc(i int) corpus.Document {
	return corpus.Document{ID: fmt.Sprintf("D%06d/q", i), Text: killDocText}
}

// Action i is, by i mod 10: 9 a batch of 20 segments; 4 removing the
// segment of action i-1; 7 marking a document reviewed; else coding one span.
func killAction(s *Session, i int) error {
	switch i % 10 {
	case 9:
		reqs := make([]CodeRequest, batchSize)
		for k := range reqs {
			reqs[k] = CodeRequest{Doc: killDoc(i), Start: k, End: k + 2, Codes: []string{"b"}}
		}
		_, err := s.CodeBatch(reqs)
		return err
	case 4:
		seg, ok := s.FindSpan(killDoc(i-1).ID, 0, 5)
		if !ok {
			return nil // removed by the run before, which died before saying so
		}
		return s.Uncode(seg.ID)
	case 7:
		return s.MarkReviewed(killDoc(i).ID)
	default:
		_, err := s.Code(killDoc(i), 0, 5, []string{"c" + strconv.Itoa(i%3)}, "memo "+strconv.Itoa(i))
		return err
	}
}

// killExpect is the state after actions 0..n-1: segment keys
// "doc start end codes memo", and reviewed documents.
func killExpect(n int) (segs []string, reviewed []string) {
	set := map[string]bool{}
	for i := 0; i < n; i++ {
		d := killDoc(i).ID
		switch i % 10 {
		case 9:
			for k := 0; k < batchSize; k++ {
				set[fmt.Sprintf("%s %d %d b ", d, k, k+2)] = true
			}
		case 4:
			p := i - 1
			delete(set, fmt.Sprintf("%s 0 5 c%d memo %d", killDoc(p).ID, p%3, p))
		case 7:
			reviewed = append(reviewed, d)
		default:
			set[fmt.Sprintf("%s 0 5 c%d memo %d", d, i%3, i)] = true
		}
	}
	for k := range set {
		segs = append(segs, k)
	}
	slices.Sort(segs)
	slices.Sort(reviewed)
	return segs, reviewed
}

func fileKeys(f *File) []string {
	var out []string
	for _, s := range f.Segments {
		out = append(out, fmt.Sprintf("%s %d %d %s %s", s.Document, s.Start, s.End, strings.Join(s.Codes, ","), s.Memo))
	}
	slices.Sort(out)
	return out
}

func runKillChild(dir string) int {
	start, _ := strconv.Atoi(os.Getenv(childStartEnv))
	pause := os.Getenv(childPauseEnv) != ""
	// A small fold threshold makes folds frequent, so kills land in them.
	s, err := OpenWithOptions(dir, "alice", Options{CompactBytes: 8 << 10})
	if err != nil {
		fmt.Fprintln(os.Stderr, "child open:", err)
		return 3
	}
	s.hook = func(stage string) {
		switch stage {
		case "fold-start":
			os.Stdout.WriteString("F\n")
		case "fold-saved":
			os.Stdout.WriteString("S\n")
			if pause {
				time.Sleep(20 * time.Millisecond)
			}
		}
	}
	os.Stdout.WriteString("open\n")
	if os.Getenv("MIXEVAL_CODING_KILL_HOLD") != "" {
		time.Sleep(time.Minute) // hold the lock until killed
	}
	end := start + 400
	if n, err := strconv.Atoi(os.Getenv("MIXEVAL_CODING_KILL_END")); err == nil {
		end = n
	}
	for i := start; i < end; i++ {
		if err := killAction(s, i); err != nil {
			fmt.Fprintf(os.Stderr, "child action %d: %v\n", i, err)
			return 3
		}
		// Confirmed: only now may the user believe it is saved.
		os.Stdout.WriteString(strconv.Itoa(i) + "\n")
	}
	if err := s.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "child close:", err)
		return 3
	}
	os.Stdout.WriteString("closed\n")
	return 0
}

// child is one run of the helper process.
type child struct {
	cmd    *exec.Cmd
	lines  chan string
	done   chan struct{}
	stderr strings.Builder
}

func startChild(t *testing.T, dir string, start int, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+dir, childStartEnv+"="+strconv.Itoa(start))
	cmd.Env = append(cmd.Env, env...)
	c := &child{cmd: cmd, lines: make(chan string, 1<<16), done: make(chan struct{})}
	cmd.Stderr = &c.stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
		close(c.done)
	}()
	return c
}

// waitFor reads lines until one satisfies ok, recording confirmations.
func (c *child) waitFor(ok func(string) bool, confirmed *int, timeout time.Duration) bool {
	deadline := time.After(timeout)
	for {
		select {
		case l, open := <-c.lines:
			if !open {
				return false
			}
			if n, err := strconv.Atoi(l); err == nil {
				*confirmed = n
			}
			if ok(l) {
				return true
			}
		case <-deadline:
			return false
		}
	}
}

// killAndDrain kills the child and reads every confirmation it printed.
func (c *child) killAndDrain(t *testing.T, confirmed *int) {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGKILL)
	for l := range c.lines {
		if n, err := strconv.Atoi(l); err == nil {
			*confirmed = n
		}
	}
	<-c.done
	err := c.cmd.Wait()
	var ee *exec.ExitError
	if err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	if c.stderr.Len() > 0 {
		t.Fatalf("child reported: %s", c.stderr.String())
	}
}

// verify checks that the study reads back valid with actions 0..confirmed
// and maybe the one in flight, nothing else.
func verify(t *testing.T, dir string, confirmed int, round string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "coding", "alice.yaml")); err == nil {
		if _, err := Load(filepath.Join(dir, "coding", "alice.yaml")); err != nil {
			t.Fatalf("%s: coder file invalid: %v", round, err)
		}
	}
	f, err := Read(dir, "alice")
	if err != nil {
		t.Fatalf("%s: %v", round, err)
	}
	got := fileKeys(f)
	docs := map[string]corpus.Document{}
	for i := 0; i <= confirmed+1; i++ {
		docs[killDoc(i).ID] = killDoc(i)
	}
	if p := f.Check(docs, Lines{}); len(p) > 0 {
		t.Fatalf("%s: %v", round, p)
	}
	for _, n := range []int{confirmed + 1, confirmed + 2} { // without, with the action in flight
		segs, rev := killExpect(n)
		if slices.Equal(got, segs) && slices.Equal(f.Reviewed, rev) {
			return
		}
	}
	segs, _ := killExpect(confirmed + 1)
	t.Fatalf("%s: confirmed up to action %d; store has %d segments, expected %d (or the action in flight more)\nfirst difference: %s",
		round, confirmed, len(got), len(segs), firstDiff(got, segs))
}

func firstDiff(a, b []string) string {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return fmt.Sprintf("got %q, want %q", a[i], b[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(a), len(b))
}

func TestKillDuringCoding(t *testing.T) {
	if testing.Short() {
		t.Log("short mode: 10 kills")
	}
	kills := 50
	if testing.Short() {
		kills = 10
	}
	dir := newStudy(t)
	rng := rand.New(rand.NewSource(20261125))
	confirmed := -1
	foldKills := 0
	for round := 0; round < kills; round++ {
		mode := round % 3 // 0: random moment; 1: as a fold starts; 2: between saving the YAML and emptying the journal
		var env []string
		if mode == 2 {
			env = append(env, childPauseEnv+"=1")
		}
		c := startChild(t, dir, confirmed+1, env...)
		if !c.waitFor(func(l string) bool { return l == "open" }, &confirmed, 10*time.Second) {
			c.killAndDrain(t, &confirmed)
			t.Fatalf("round %d: child did not open", round)
		}
		if round == 0 {
			// A live holder: a second writer is refused with its pid.
			_, err := Open(dir, "alice")
			var le *LockedError
			if !errors.As(err, &le) || le.PID != c.cmd.Process.Pid {
				t.Fatalf("open beside a live child: %v (child pid %d)", err, c.cmd.Process.Pid)
			}
		}
		switch mode {
		case 0:
			delay := time.Duration(rng.Intn(100000)) * time.Microsecond
			c.waitFor(func(string) bool { return false }, &confirmed, delay)
		case 1:
			if c.waitFor(func(l string) bool { return l == "F" }, &confirmed, 5*time.Second) {
				time.Sleep(time.Duration(rng.Intn(3000)) * time.Microsecond)
				foldKills++
			}
		case 2:
			if c.waitFor(func(l string) bool { return l == "S" }, &confirmed, 5*time.Second) {
				foldKills++
			}
		}
		c.killAndDrain(t, &confirmed)
		verify(t, dir, confirmed, fmt.Sprintf("round %d (mode %d)", round, mode))
	}
	// A last run to the end, closed cleanly: everything is in the YAML.
	end := confirmed + 1 + 25
	c := startChild(t, dir, confirmed+1, "MIXEVAL_CODING_KILL_END="+strconv.Itoa(end))
	c.waitFor(func(l string) bool { return l == "closed" }, &confirmed, 20*time.Second)
	c.killAndDrain(t, &confirmed)
	if confirmed != end-1 {
		t.Fatalf("final run confirmed %d, want %d", confirmed, end-1)
	}
	verify(t, dir, confirmed, "final")
	f, err := Load(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	segs, _ := killExpect(end)
	if !slices.Equal(fileKeys(f), segs) {
		t.Fatal("after a clean close the YAML does not hold every action")
	}
	if fi, err := os.Stat(journalFile(dir, "alice")); err != nil || fi.Size() != 0 {
		t.Fatalf("journal not empty after close: %v", err)
	}
	t.Logf("%d kills (%d in folds), %d actions confirmed, %d segments", kills, foldKills, confirmed+1, len(f.Segments))
}

// TestLockOfKilledProcessIsRecovered: a live holder refuses a second
// writer naming its pid; once it is killed with SIGKILL (no chance to
// clean up) the next Open takes the lock without help.
func TestLockOfKilledProcessIsRecovered(t *testing.T) {
	dir := newStudy(t)
	c := startChild(t, dir, 0, "MIXEVAL_CODING_KILL_HOLD=1")
	confirmed := -1
	if !c.waitFor(func(l string) bool { return l == "open" }, &confirmed, 10*time.Second) {
		c.killAndDrain(t, &confirmed)
		t.Fatal("child did not open")
	}
	_, err := Open(dir, "alice")
	want := fmt.Sprintf("coding/alice.yaml is open in another mixeval (pid %d)", c.cmd.Process.Pid)
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v, want %q", err, want)
	}
	c.killAndDrain(t, &confirmed)
	if pid := readPID(filepath.Join(journalDir(dir), "alice.pid")); pid != c.cmd.Process.Pid {
		t.Fatalf("pid file holds %d; the killed child's pid %d should still be there", pid, c.cmd.Process.Pid)
	}
	s, err := Open(dir, "alice")
	if err != nil {
		t.Fatalf("lock of a killed process not recovered: %v", err)
	}
	s.Close()
}
