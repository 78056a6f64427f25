package main

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/study"
	"github.com/spf13/cobra"
)

// Exit codes, as in DESIGN.md §8.
const (
	exitOK    = 0
	exitUser  = 1 // bad input, missing file, failed validation
	exitUsage = 2 // wrong flags or arguments
)

// maxShownProblems bounds the problems an error lists; the rest are
// counted.
const maxShownProblems = 100

// usageError is a mistake in how the command was called; it exits 2 and
// points at --help.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Errorf(format, args...)}
}

// linesError is several problems worded by a command (each line one
// problem); report counts and indents them as it does a problem.List.
type linesError []string

func (e linesError) Error() string { return strings.Join(e, "\n") }

// silentError exits with code but prints nothing: the command has already
// said everything (e.g. validate listed the problems).
type silentError struct{ code int }

func (e *silentError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageArgs wraps a cobra argument validator so that its errors are usage errors.
func usageArgs(v cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if err := v(cmd, args); err != nil {
			return &usageError{err}
		}
		return nil
	}
}

// report prints err and returns the exit code. It is the one place that maps
// errors to exit codes.
func report(w io.Writer, cmd *cobra.Command, err error) int {
	if err == nil {
		return exitOK
	}
	var s *silentError
	if errors.As(err, &s) {
		return s.code
	}
	var u *usageError
	if errors.As(err, &u) || isCobraUsage(err) {
		fmt.Fprintf(w, "mixeval: %s\n", err)
		name := "mixeval"
		if cmd != nil {
			name = cmd.CommandPath()
		}
		fmt.Fprintf(w, "Run '%s --help' for usage.\n", name)
		return exitUsage
	}
	var lines linesError
	if errors.As(err, &lines) && len(lines) > 1 {
		fmt.Fprintf(w, "mixeval: %d problems:\n", len(lines))
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
		}
		return exitUser
	}
	if errors.Is(err, study.ErrNoStudy) {
		fmt.Fprintf(w, "mixeval: %s: pass --study DIR, or create a study with 'mixeval init DIR'\n", err)
		return exitUser
	}
	if ps := problem.Of(err); len(ps) > 1 {
		fmt.Fprintf(w, "mixeval: %d problems:\n", ps.Len())
		// A file wrong on each of a million rows needs its first problems,
		// not a million lines.
		for _, p := range ps.Cap(maxShownProblems) {
			fmt.Fprintf(w, "  %s\n", p.Error())
		}
		return exitUser
	}
	fmt.Fprintf(w, "mixeval: %s\n", strings.TrimRight(err.Error(), "\n"))
	return exitUser
}

// isCobraUsage recognises the usage errors cobra makes itself, which are
// untyped.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "required flag", "accepts ", "requires at least", "invalid argument", "flag needs an argument", "if any flags in the group"} {
		if strings.HasPrefix(s, p) || strings.Contains(s, " "+p) {
			return true
		}
	}
	return false
}

// checkFormat refuses a --format value that is not one of allowed, naming
// them ("use text or json").
func checkFormat(format string, allowed ...string) error {
	if slices.Contains(allowed, format) {
		return nil
	}
	list := allowed[len(allowed)-1]
	if len(allowed) > 1 {
		list = strings.Join(allowed[:len(allowed)-1], ", ") + " or " + list
	}
	return usageErrorf("--format %q is not known: use %s", format, list)
}
