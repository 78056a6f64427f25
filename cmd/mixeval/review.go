package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
)

type reviewOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Undo  bool // unreview
	Coder string
	Docs  []string
}

// newReviewCmd builds 'review', or 'unreview' when undo is set: the two
// take the same arguments.
func newReviewCmd(f *factory, runF func(*reviewOptions) error, undo bool) *cobra.Command {
	name := "review"
	if undo {
		name = "unreview"
	}
	opts := &reviewOptions{IO: f.IO, Backend: f.Backend(name), Undo: undo}
	cmd := &cobra.Command{
		Use:   name + " DOC... --coder NAME",
		Short: "Mark answers as read by a coder: nothing (more) to code",
		Long: `Mark answers (documents, ids RESPONDENT/QUESTION) as reviewed by the coder:
read, with nothing (more) to code. Agreement counts a code that a coder
left off a reviewed answer as 0 ("not there"), and leaves answers the coder
has not reviewed out ("not read yet"), so mark the answers you read and
left uncoded. Coding an answer marks it reviewed already.

Unknown ids are refused and nothing is marked. 'mixeval unreview' returns
answers to "not yet reviewed"; it accepts ids the study no longer has, to
clear them. See docs/coding.md.`,
		Example: `  mixeval review P02/online P05/improve --coder alice
  mixeval unreview P02/online --coder alice`,
		Args:              usageArgs(cobra.MinimumNArgs(1)),
		ValidArgsFunction: f.completeDocs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Docs = args
			if opts.Coder == "" {
				return usageErrorf("--coder is required")
			}
			if runF != nil {
				return runF(opts)
			}
			return reviewRun(opts)
		},
	}
	if undo {
		cmd.Short = "Return answers to \"not yet reviewed\" for a coder"
		cmd.Example = `  mixeval unreview P02/online --coder alice`
	}
	cmd.Flags().StringVar(&opts.Coder, "coder", "", "coder name, as listed in mixeval.yaml")
	return cmd
}

func reviewRun(opts *reviewOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	c, err := openCoder(b, opts.Coder)
	if err != nil {
		return err
	}
	already := 0
	for _, d := range opts.Docs {
		if c.Session().Reviewed(d) != opts.Undo {
			already++
		}
	}
	if opts.Undo {
		err = c.Unreview(opts.Docs...)
	} else {
		err = c.Review(opts.Docs...)
	}
	if cerr := c.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return codingAdvice(err)
	}
	printReviewed(opts, already)
	return nil
}

func printReviewed(opts *reviewOptions, already int) {
	n := len(opts.Docs)
	verb, was := "marked %s as reviewed by %s", "already reviewed"
	if opts.Undo {
		verb, was = "marked %s as not yet reviewed by %s", "not reviewed"
	}
	fmt.Fprintf(opts.IO.Out, verb, countOf(n, "answer"), opts.Coder)
	if already > 0 {
		fmt.Fprintf(opts.IO.Out, " (%d %s before)", already, was)
	}
	fmt.Fprintln(opts.IO.Out)
}
