package tui

import (
	"bytes"
	"sort"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// runProgram runs the UI on the sample study as the real program does
// (teatest's terminal of 80×24, colours pinned to ASCII), presses keys,
// lets background work settle, quits and returns the last screen as plain
// text.
func runProgram(t *testing.T, keys ...string) string {
	t.Helper()
	b := sampleStudy(t)
	m, err := New(b, Options{Coder: "alice", IdleFold: -1, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	time.Sleep(100 * time.Millisecond)
	for _, k := range keys {
		tm.Send(keyMsg(k))
		time.Sleep(30 * time.Millisecond)
	}
	// The sample is small: every search, count and comparison a key starts
	// is done well within this.
	time.Sleep(700 * time.Millisecond)
	tm.Quit()
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
	return ansi.Strip(fm.View().Content)
}

// TestPhaseScreens holds a golden screen of every phase at 80×24
// (testdata/TestPhaseScreens/*.golden; go test -update rewrites them, and
// the diff is reviewed like code).
func TestPhaseScreens(t *testing.T) {
	cases := []struct {
		name string
		keys []string
	}{
		{"1-familiarise", nil},
		{"1-reader", []string{"j", "j", "enter"}},
		{"1-words", []string{"W"}},
		{"2-answers", []string{"2"}},
		{"2-answer", []string{"2", "j", "j", "enter", "v", "w", "w"}},
		{"2-picker", []string{"2", "enter", "v", "w", "w", "c"}},
		{"3-themes", []string{"3"}},
		{"3-extracts", []string{"3", "enter"}},
		{"4-extracts", []string{"4"}},
		{"4-coverage", []string{"4", "v"}},
		{"4-map", []string{"4", "v", "v"}},
		{"4-agreement", []string{"4", "v", "v", "v"}},
		{"4-reconcile", []string{"4", "v", "v", "v", "v"}},
		{"5-define", []string{"5"}},
		{"6-write-up", []string{"6"}},
		{"7-quant", []string{"7"}},
		{"7-patients", []string{"7", "enter"}},
		{"help", []string{"?"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			golden.RequireEqual(t, runProgram(t, c.keys...))
		})
	}
}

// TestKeyToFrame measures, in the running program, the time from a key
// press to the frame that shows its effect (switching between phases 1
// and 3), and logs the median; docs/PERFORMANCE.md records it. The
// renderer draws at most 60 frames a second, so about 8-17 ms is the floor.
func TestKeyToFrame(t *testing.T) {
	if testing.Short() {
		t.Skip("timing run")
	}
	b := sampleStudy(t)
	m, err := New(b, Options{Coder: "alice", IdleFold: -1, Poll: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	// Words that only the phase's screen holds, free of spaces (the
	// renderer skips cells that did not change, spaces among them).
	markers := map[string]string{"3": "co-occurrence", "1": "read/unread"}
	var times []time.Duration
	for i := 0; i < 20; i++ {
		k := []string{"3", "1"}[i%2]
		start := time.Now()
		tm.Send(keyMsg(k))
		teatest.WaitFor(t, tm.Output(), func(out []byte) bool {
			return bytes.Contains([]byte(ansi.Strip(string(out))), []byte(markers[k]))
		}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(500*time.Microsecond))
		times = append(times, time.Since(start))
	}
	tm.Quit()
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	t.Logf("key press to frame: median %v, min %v, max %v over %d presses", times[len(times)/2], times[0], times[len(times)-1], len(times))
}
