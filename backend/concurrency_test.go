package backend

// Concurrency with real processes: this test binary re-executes itself as
// a child that runs one writer's loop, the way two people's mixeval
// commands run at the same moment on a shared study folder. Nothing any
// child confirmed may be missing afterwards.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/mixeval/mixeval/thematic/reconcile"
)

const (
	childEnv = "MIXEVAL_BACKEND_CHILD" // "codes:<study>:<coder>:<rounds>" or "decide:<study>:<who>:<items,...>"
)

// TestMain runs a child's loop when re-executed as one; otherwise the
// tests, with a shared folder for the large studies benchmarks and growth
// tests make once per binary.
func TestMain(m *testing.M) {
	if spec := os.Getenv(childEnv); spec != "" {
		if err := runChild(spec); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	root, err := os.MkdirTemp("", "mixeval-backend-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sharedRoot = root
	code := m.Run()
	os.RemoveAll(root)
	os.Exit(code)
}

func runChild(spec string) error {
	kind, rest, _ := strings.Cut(spec, ":")
	dir, rest, _ := strings.Cut(rest, ":")
	who, arg, _ := strings.Cut(rest, ":")
	switch kind {
	case "codes":
		rounds, _ := strconv.Atoi(arg)
		for i := 0; i < rounds; i++ {
			// A fresh backend per round, as each command is a new process.
			b, err := Open(dir, Options{Who: who})
			if err != nil {
				return err
			}
			c, err := b.OpenCoder(who)
			if err != nil {
				return err
			}
			_, err = c.Code(CodeRequest{Doc: "P1/helped", Start: 0, End: 3, Codes: []string{fmt.Sprintf("%s-%02d", who, i)}, New: true})
			if cerr := c.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return err
			}
			fmt.Println("ok", i)
		}
	case "decide":
		for _, id := range strings.Split(arg, ",") {
			b, err := Open(dir, Options{Who: who})
			if err != nil {
				return err
			}
			if _, err := b.Reconcile(ReconcileRequest{Decisions: []reconcile.Request{{Item: id, Decision: reconcile.AcceptA}}}); err != nil {
				return err
			}
			fmt.Println("ok", id)
		}
	default:
		return fmt.Errorf("unknown child %q", kind)
	}
	return nil
}

// runChildren starts one child per spec at once and waits for all.
func runChildren(t *testing.T, specs ...string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]string, len(specs))
	for i, spec := range specs {
		wg.Go(func() {
			cmd := exec.Command(exe, "-test.run=^$")
			cmd.Env = append(os.Environ(), childEnv+"="+spec)
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			if err := cmd.Run(); err != nil {
				errs[i] = fmt.Sprintf("child %q: %v\n%s", spec, err, out.String())
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		if e != "" {
			t.Error(e)
		}
	}
}

// TestConcurrentNewCodesAllKept: alice and bob each create 30 new codes at
// the same moment; every one is in codebook.yaml afterwards and the study
// validates (before the codebook lock, 10 of 80 went missing).
func TestConcurrentNewCodesAllKept(t *testing.T) {
	b := newWorkflowStudy(t)
	const rounds = 30
	runChildren(t, fmt.Sprintf("codes:%s:alice:%d", b.Dir(), rounds), fmt.Sprintf("codes:%s:bob:%d", b.Dir(), rounds))
	cb, err := b.Codebook()
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for _, who := range []string{"alice", "bob"} {
		for i := 0; i < rounds; i++ {
			if id := fmt.Sprintf("%s-%02d", who, i); !cb.IsCode(id) {
				missing = append(missing, id)
			}
		}
	}
	if len(missing) > 0 {
		t.Errorf("%d of %d new codes missing from codebook.yaml: %v", len(missing), 2*rounds, missing)
	}
	if ps, _ := b.Validate(); len(ps) != 0 {
		t.Errorf("validate: %v", ps)
	}
}

// TestConcurrentDecisionsAllKept: two people record decisions on different
// items at the same moment; all 60 are in coding/consensus.yaml (before
// the consensus lock, 13 of 60 were lost).
func TestConcurrentDecisionsAllKept(t *testing.T) {
	b := newWorkflowStudy(t)
	// 60 answers on which alice and bob disagree: alice codes 0-2, bob
	// 0-10, sharing 2 of 10 code points (20% < 90%): one open item each.
	docs := disagreementStudy(t, b, 60)
	r, err := b.Reconcile(ReconcileRequest{})
	if err != nil {
		t.Fatal(err)
	}
	open := r.Consensus.Open()
	if len(open) != len(docs) {
		t.Fatalf("%d open items, want %d", len(open), len(docs))
	}
	var ids [2][]string
	for i, it := range open {
		ids[i%2] = append(ids[i%2], it.ID)
	}
	runChildren(t,
		fmt.Sprintf("decide:%s:alice:%s", b.Dir(), strings.Join(ids[0], ",")),
		fmt.Sprintf("decide:%s:bob:%s", b.Dir(), strings.Join(ids[1], ",")))
	c, err := reconcile.Load(b.Dir())
	if err != nil {
		t.Fatal(err)
	}
	decided := 0
	for _, it := range c.Items {
		if it.Decision != nil {
			decided++
		}
	}
	if decided != len(docs) {
		t.Errorf("%d of %d decisions kept", decided, len(docs))
	}
}

// disagreementStudy adds n answers "0123456789 answer k" to a new source
// and codes them so that alice and bob disagree once on each.
func disagreementStudy(t *testing.T, b *Study, n int) []string {
	t.Helper()
	var form strings.Builder
	form.WriteString("Respondent,Comment\n")
	var docs []string
	for i := 0; i < n; i++ {
		fmt.Fprintf(&form, "R%03d,0123456789 answer %d\n", i, i)
		docs = append(docs, fmt.Sprintf("R%03d/comment", i))
	}
	path := t.TempDir() + "/more.csv"
	if err := os.WriteFile(path, []byte(form.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := b.Import(importOptions(path, "Respondent", "Comment", "comment")); err != nil {
		t.Fatal(err)
	}
	for coder, end := range map[string]int{"alice": 2, "bob": 10} {
		c, err := b.OpenCoder(coder)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if _, err := c.Code(CodeRequest{Doc: d, Start: 0, End: end, Codes: []string{"numbers"}, New: true}); err != nil {
				t.Fatal(err)
			}
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(docs)
	return docs
}
