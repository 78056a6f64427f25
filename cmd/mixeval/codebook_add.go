package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
)

type codebookAddOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	Kind       codebook.Kind
	Name       string
	ID         string
	Under      string
	Definition string
}

func newCodebookAddCmd(f *factory, shared *codebookFlags, runF func(*codebookAddOptions) error) *cobra.Command {
	opts := &codebookAddOptions{IO: f.IO, Backend: shared.backend(f, "add")}
	cmd := &cobra.Command{
		Use:   "add theme|code NAME [--id ID] [--under PARENT] [--definition TEXT]",
		Short: "Add a theme, subtheme or code",
		Long: `Add a theme or a code to the codebook. A theme goes at the top level, or
with --under THEME inside another theme (a subtheme); a code goes under
--under THEME, or stays unattached until you move it. The id is made from
the name (lower case, hyphens: "Not alone with it" becomes not-alone-with-it)
unless --id gives one; ids never change afterwards, so pick a short one if
you like. An id that a merged or deleted code had is refused, so that old
segments are never attached to a new code.`,
		Example: `  mixeval codebook add theme "Sense of belonging" --id belonging
  mixeval codebook add theme Connection --under belonging
  mixeval codebook add code "Not alone with it" --id not-alone --under connection \
    --definition "Relief at finding others with the same experience."`,
		Args: exactArgs(2, `give the name as one argument, in quotes: mixeval codebook add code "Safe to share"`),
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			if len(args) == 0 {
				return []cobra.Completion{"theme", "code"}, noFiles
			}
			return nil, noFiles
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			switch args[0] {
			case "theme":
				opts.Kind = codebook.Theme
			case "code":
				opts.Kind = codebook.Code
			default:
				return usageErrorf("%q: say theme or code, e.g. mixeval codebook add code %q", args[0], args[1])
			}
			opts.Name = args[1]
			if runF != nil {
				return runF(opts)
			}
			return codebookAddRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.ID, "id", "", "the new node's id, a slug such as not-alone (default: made from the name)")
	cmd.Flags().StringVar(&opts.Under, "under", "", "the theme to put it in (default: top level for a theme, unattached for a code)")
	cmd.Flags().StringVar(&opts.Definition, "definition", "", "what the theme or code means")
	shared.bindBy(cmd)
	cmd.RegisterFlagCompletionFunc("under", f.completeNodes(isTheme))
	return cmd
}

func codebookAddRun(opts *codebookAddOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	n, _, err := b.AddNode(backend.NodeSpec{Kind: opts.Kind, ID: opts.ID, Name: opts.Name, Parent: opts.Under, Definition: opts.Definition})
	if err != nil {
		return codebookAdvice(err)
	}
	kind := n.Kind.String()
	if n.Kind == codebook.Theme && opts.Under != "" {
		kind = "subtheme"
	}
	fmt.Fprintf(opts.IO.Out, "added %s %q [%s] %s\n", kind, n.Name, n.ID, placeText(n.Kind, opts.Under))
	return nil
}

// placeText says where a node sits: under its parent, at the top level (a
// theme) or unattached (a code).
func placeText(kind codebook.Kind, parent string) string {
	switch {
	case parent != "":
		return "under " + parent
	case kind == codebook.Theme:
		return "at the top level"
	}
	return "unattached"
}
