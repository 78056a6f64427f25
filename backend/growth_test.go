package backend

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mixeval/mixeval/thematic/codeops"
	"github.com/mixeval/mixeval/thematic/coding"
)

// Growth tests (issue 14): each path a user runs on the whole study is
// timed at 10,000 and at 100,000 answers, and the cost must grow by less
// than growthBound: linear work grows about 10 times, a scan inside a loop
// about 100 times. Time is the process's CPU time, the best of three runs,
// so that other jobs on the machine do not decide the ratio. They take
// about a minute, so -short skips them; CI runs them (.ci/run).
const growthBound = 30

const (
	growthSmall = 10_000
	growthLarge = 100_000
)

// growth times run at both sizes; prepare makes what one run needs (not
// timed) and returns the timed work.
func growth(t *testing.T, prepare func(t *testing.T, dir string) func() error) {
	t.Helper()
	if testing.Short() {
		t.Skip("growth test: about a minute; run without -short")
	}
	best := func(n int) time.Duration {
		dir := sharedScaleStudy(t, n)
		var times []time.Duration
		for range 3 {
			run := prepare(t, dir)
			start := cpuTime()
			if err := run(); err != nil {
				t.Fatalf("%d answers: %v", n, err)
			}
			times = append(times, cpuTime()-start)
		}
		return slices.Min(times)
	}
	small, large := best(growthSmall), best(growthLarge)
	ratio := float64(large) / float64(max(small, time.Millisecond))
	t.Logf("%d answers: %v; %d answers: %v; ×%.1f", growthSmall, small, growthLarge, large, ratio)
	if ratio > growthBound {
		t.Errorf("cost grew ×%.1f for ×%d the data (bound ×%d): something scans inside a loop", ratio, growthLarge/growthSmall, growthBound)
	}
}

// withConsensus brings coding/consensus.yaml up to date in dir, once.
func withConsensus(t *testing.T, dir string) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(dir, "coding", "consensus.yaml")); err == nil {
		return
	}
	if _, err := openScale(t, dir).Reconcile(ReconcileRequest{}); err != nil {
		t.Fatal(err)
	}
}

func TestGrowthAutocode(t *testing.T) {
	growth(t, func(t *testing.T, dir string) func() error {
		// carol codes one span in every answer, as an autocode of a word
		// in every answer would: a fresh coding each run.
		os.Remove(filepath.Join(dir, "coding", "carol.yaml"))
		b := openScale(t, dir)
		if _, err := b.AddCoder("carol"); err != nil {
			t.Fatal(err)
		}
		docs, err := b.Documents()
		if err != nil {
			t.Fatal(err)
		}
		plan := &AutocodePlan{}
		for _, d := range docs {
			plan.Requests = append(plan.Requests, coding.CodeRequest{Doc: d, Start: 0, End: 5, Codes: []string{"hope"}})
			plan.Documents = append(plan.Documents, d.ID)
		}
		return func() error {
			c, err := openScale(t, dir).OpenCoder("carol")
			if err != nil {
				return err
			}
			codeops.Preview(c.Session().Snapshot(), plan.Requests)
			if _, _, err := c.ApplyAutocode(plan); err != nil {
				return err
			}
			return c.Close()
		}
	})
}

func TestGrowthReconcile(t *testing.T) {
	growth(t, func(t *testing.T, dir string) func() error {
		os.Remove(filepath.Join(dir, "coding", "consensus.yaml"))
		return func() error {
			_, err := openScale(t, dir).Reconcile(ReconcileRequest{Coders: []string{"alice", "bob"}})
			return err
		}
	})
}

func TestGrowthAgree(t *testing.T) {
	growth(t, func(t *testing.T, dir string) func() error {
		return func() error {
			_, err := openScale(t, dir).Agree(AgreeRequest{Coders: []string{"alice", "bob"}, Stats: true})
			return err
		}
	})
}

func TestGrowthCodes(t *testing.T) {
	growth(t, func(t *testing.T, dir string) func() error {
		withConsensus(t, dir)
		return func() error {
			b := openScale(t, dir)
			cb, err := b.Codebook()
			if err != nil {
				return err
			}
			_, err = b.Tally(cb)
			return err
		}
	})
}

func TestGrowthValidate(t *testing.T) {
	growth(t, func(t *testing.T, dir string) func() error {
		withConsensus(t, dir)
		return func() error {
			if ps, _ := openScale(t, dir).Validate(); ps.Len() > 0 {
				return fmt.Errorf("problems: %v", ps)
			}
			return nil
		}
	})
}

// Export does not exist yet: when it does, TestGrowthExport belongs here.
