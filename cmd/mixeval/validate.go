package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/study"
)

type validateOptions struct {
	IO       *ioStreams
	StudyDir func() string
	Format   string
}

func newValidateCmd(f *factory, runF func(*validateOptions) error) *cobra.Command {
	opts := &validateOptions{IO: f.IO, StudyDir: func() string { return f.studyDir }}
	cmd := &cobra.Command{
		Use:   "validate",
		Short: "Check the whole study and list every problem",
		Long: `Check the study: the manifest, every source (the files exist and parse,
the id, question and attribute columns are there, respondent ids are
unique), the codebook, and every coder's file: its documents exist and hold
its spans, its codes are codes of the codebook, and no segment was coded
on text that a re-import has changed since (stale segments). Every problem is listed with its file and line; the exit status
is 1 if there is any, 0 when the study is valid.`,
		Example: `  mixeval validate
  mixeval validate --study pain-group-2026 --format json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return validateRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Format, "format", "text", "output format: text or json")
	return cmd
}

func validateRun(opts *validateOptions) error {
	if err := checkFormat(opts.Format, "text", "json"); err != nil {
		return err
	}
	b, problems, warnings, err := backend.Validate(opts.StudyDir(), backend.Options{Doing: "mixeval validate"})
	if err != nil {
		return err
	}
	for _, w := range warnings {
		fmt.Fprintf(opts.IO.ErrOut, "warning: %s\n", w)
	}
	var s *study.Study
	if b != nil {
		s = b.Manifest()
	}
	if opts.Format == "json" {
		if err := writeJSON(opts.IO.Out, validateJSON(s, problems)); err != nil {
			return err
		}
		if len(problems) > 0 {
			return &silentError{code: exitUser}
		}
		return nil
	}
	if len(problems) == 0 {
		fmt.Fprintf(opts.IO.Out, "study is valid: %s\n", summary(s))
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(opts.IO.ErrOut, p.Error())
	}
	fmt.Fprintf(opts.IO.ErrOut, "%d problem%s found\n", len(problems), plural(len(problems)))
	return &silentError{code: exitUser}
}

func summary(s *study.Study) string {
	m := s.Manifest
	q := 0
	for _, src := range m.Sources {
		q += len(src.Questions)
	}
	return fmt.Sprintf("%d source%s, %d question%s, %d measure%s, %d coder%s",
		len(m.Sources), plural(len(m.Sources)), q, plural(q), len(m.Measures), plural(len(m.Measures)), len(m.Coders), plural(len(m.Coders)))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// validateResultJSON is validate's --format json output.
type validateResultJSON struct {
	Valid    bool         `json:"valid"`
	Summary  string       `json:"summary,omitempty"`
	Problems problem.List `json:"problems"`
}

func validateJSON(s *study.Study, problems problem.List) validateResultJSON {
	out := validateResultJSON{Valid: len(problems) == 0, Problems: problems}
	if out.Valid {
		out.Summary = summary(s)
		out.Problems = problem.List{}
	}
	return out
}
