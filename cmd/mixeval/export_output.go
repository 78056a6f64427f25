package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/privacy"
)

// writeExport writes a finished export to path (atomically: a reader never
// sees half a file) or, without one, to stdout.
func writeExport(io *ioStreams, path string, data []byte) error {
	if path == "" || path == "-" {
		_, err := io.Out.Write(data)
		return err
	}
	if err := atomicfile.WriteFile(path, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// render runs write into a buffer, so that nothing reaches the output
// unless the whole export succeeded.
func render(write func(w io.Writer) error) ([]byte, error) {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// exportFailed words an export's error: a blocked export lists the
// findings (id, answer, span, kind; never their text) and how to decide
// them, and exits 1 with nothing written.
func exportFailed(io *ioStreams, err error) error {
	var blocked *export.BlockedError
	if !errors.As(err, &blocked) {
		return err
	}
	fmt.Fprintf(io.ErrOut, "mixeval: %s:\n", blocked)
	for _, f := range blocked.Findings {
		fmt.Fprintf(io.ErrOut, "  %s  %s  %d-%d  %s%s\n", f.ID, f.Doc, f.Start, f.End, f.Kind, staleNote(f))
	}
	fmt.Fprintln(io.ErrOut, "Decide each one: 'mixeval privacy redact ID...' to replace it by a marker in every export,")
	fmt.Fprintln(io.ErrOut, "or 'mixeval privacy allow ID... --memo WHY' to let it through ('mixeval privacy scan' shows the text);")
	fmt.Fprintln(io.ErrOut, "or export again with --redact to replace every undecided finding in this export only.")
	return &silentError{code: exitUser}
}

func staleNote(f privacy.Finding) string {
	if f.Status == privacy.Stale {
		return " (decided before the text changed)"
	}
	return ""
}

// reportGuard says on stderr what the guard replaced and what it let
// through, and any warnings about the export.
func reportGuard(io *ioStreams, rep *export.Report) {
	if rep == nil {
		return
	}
	if n := len(rep.Redacted); n > 0 {
		fmt.Fprintf(io.ErrOut, "Redacted %s of personal data (%s).\n", pluralize(n, "finding"), kindCounts(rep.Redacted))
	}
	if n := len(rep.Allowed); n > 0 {
		fmt.Fprintf(io.ErrOut, "Let through %s decided allow.\n", pluralize(n, "finding"))
	}
	for _, w := range rep.Warnings {
		fmt.Fprintf(io.ErrOut, "warning: %s\n", w)
	}
}

func kindCounts(fs []privacy.Finding) string {
	n := map[privacy.Kind]int{}
	for _, f := range fs {
		n[f.Kind]++
	}
	var parts []string
	for _, k := range privacy.Kinds() {
		if n[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n[k], k))
		}
	}
	return strings.Join(parts, ", ")
}

func pluralize(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}
