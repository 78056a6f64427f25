package tui

import (
	"errors"
	"sync"
	"sync/atomic"

	tea "charm.land/bubbletea/v2"

	"github.com/mixeval/mixeval/backend"
)

// Actions is the layer between keys and the backend. Every change runs on
// one worker goroutine, in the order asked, so that Update never waits for
// a disk; each successful change records a Step that knows how to undo and
// redo it. Tests call its methods and run the returned commands directly.
type Actions struct {
	Study *backend.Study
	// Coder is nil when the coding is open read-only.
	Coder *backend.Coder

	jobs    chan job
	pending atomic.Int32
	wg      sync.WaitGroup
	closed  atomic.Bool

	// The stacks are touched only by the worker.
	undo, redo []*Step
	undoLen    atomic.Int32
	redoLen    atomic.Int32
}

// Step is one undoable change: a coding action, a codebook operation, or a
// whole autocode batch.
type Step struct {
	What string
	Undo func() error
	Redo func() error
}

// ActionMsg reports a finished change to the page that asked (Origin).
type ActionMsg struct {
	Origin string
	What   string
	Err    error
	// Result is what the change returned, for the page (e.g. a segment).
	Result any
	// Changed is true when the study changed (pages refresh).
	Changed bool
}

type job struct {
	run func() ActionMsg
	out chan ActionMsg
}

// ErrReadOnly is returned by changes asked of a read-only coding.
var ErrReadOnly = errors.New("this coding is open read-only")

// NewActions starts the worker. c may be nil (read-only).
func NewActions(b *backend.Study, c *backend.Coder) *Actions {
	a := &Actions{Study: b, Coder: c, jobs: make(chan job, 4096)}
	a.wg.Add(1)
	go a.work()
	return a
}

func (a *Actions) work() {
	defer a.wg.Done()
	for j := range a.jobs {
		msg := j.run()
		a.pending.Add(-1)
		j.out <- msg
	}
}

// Pending counts changes asked for and not yet written.
func (a *Actions) Pending() int { return int(a.pending.Load()) }

// CanUndo and CanRedo say whether the stacks hold a step.
func (a *Actions) CanUndo() bool { return a.undoLen.Load() > 0 }
func (a *Actions) CanRedo() bool { return a.redoLen.Load() > 0 }

// Close waits for every change asked for to be written and stops the
// worker.
func (a *Actions) Close() {
	if a.closed.Swap(true) {
		return
	}
	close(a.jobs)
	a.wg.Wait()
}

// submit queues run and returns the command that waits for its result.
func (a *Actions) submit(run func() ActionMsg) tea.Cmd {
	if a.closed.Load() {
		return nil
	}
	out := make(chan ActionMsg, 1)
	a.pending.Add(1)
	a.jobs <- job{run: run, out: out}
	return func() tea.Msg { return <-out }
}

// Do runs change on the worker. change returns the step that undoes it
// (nil for a change that cannot be undone), a result for the page, and an
// error; a step clears the redo stack.
func (a *Actions) Do(origin, what string, change func() (*Step, any, error)) tea.Cmd {
	return a.submit(func() ActionMsg {
		st, res, err := change()
		if err == nil && st != nil {
			a.push(&a.undo, &a.undoLen, st)
			a.redo = a.redo[:0]
			a.redoLen.Store(0)
		}
		return ActionMsg{Origin: origin, What: what, Err: err, Result: res, Changed: err == nil}
	})
}

func (a *Actions) push(stack *[]*Step, n *atomic.Int32, st *Step) {
	*stack = append(*stack, st)
	n.Store(int32(len(*stack)))
}

func (a *Actions) pop(stack *[]*Step, n *atomic.Int32) *Step {
	if len(*stack) == 0 {
		return nil
	}
	st := (*stack)[len(*stack)-1]
	*stack = (*stack)[:len(*stack)-1]
	n.Store(int32(len(*stack)))
	return st
}

// Undo reverses the last step; a step whose undo fails stays where it was.
func (a *Actions) Undo() tea.Cmd {
	return a.submit(func() ActionMsg {
		st := a.pop(&a.undo, &a.undoLen)
		if st == nil {
			return ActionMsg{Origin: "undo", Err: errors.New("nothing to undo")}
		}
		if err := st.Undo(); err != nil {
			a.push(&a.undo, &a.undoLen, st)
			return ActionMsg{Origin: "undo", What: "undo " + st.What, Err: err, Changed: true}
		}
		a.push(&a.redo, &a.redoLen, st)
		return ActionMsg{Origin: "undo", What: "undid " + st.What, Changed: true}
	})
}

// Redo makes the last undone step again.
func (a *Actions) Redo() tea.Cmd {
	return a.submit(func() ActionMsg {
		st := a.pop(&a.redo, &a.redoLen)
		if st == nil {
			return ActionMsg{Origin: "redo", Err: errors.New("nothing to redo")}
		}
		if err := st.Redo(); err != nil {
			a.push(&a.redo, &a.redoLen, st)
			return ActionMsg{Origin: "redo", What: "redo " + st.What, Err: err, Changed: true}
		}
		a.push(&a.undo, &a.undoLen, st)
		return ActionMsg{Origin: "redo", What: "redid " + st.What, Changed: true}
	})
}

// Save folds the coder's journal into coding/<coder>.yaml (when idle).
func (a *Actions) Save() tea.Cmd {
	if a.Coder == nil {
		return nil
	}
	return a.submit(func() ActionMsg {
		return ActionMsg{Origin: "save", What: "saved", Err: a.Coder.Save()}
	})
}

// MarkRead marks an answer read; it is progress, not an undoable change.
func (a *Actions) MarkRead(doc string) tea.Cmd {
	if a.Coder == nil || a.Coder.IsRead(doc) {
		return nil
	}
	return a.submit(func() ActionMsg {
		return ActionMsg{Origin: "read", What: "read " + doc, Err: a.Coder.MarkRead(doc), Changed: true}
	})
}
