package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
)

type codebookDefineOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	ID  string
	Def backend.Definition // nil fields: not given, left as they are
}

func newCodebookDefineCmd(f *factory, shared *codebookFlags, runF func(*codebookDefineOptions) error) *cobra.Command {
	opts := &codebookDefineOptions{IO: f.IO, Backend: shared.backend(f, "define")}
	// The flags, in the order the codebook keeps the fields; each sets
	// its field of opts.Def only when given.
	fields := []struct {
		flag, usage string
		dst         **string
	}{
		{"definition", "what the theme or code means", &opts.Def.Definition},
		{"include", "what belongs here (scope)", &opts.Def.Include},
		{"exclude", "what does not belong here (scope)", &opts.Def.Exclude},
		{"concept", "the central organising concept: the one idea that holds a theme together", &opts.Def.Concept},
		{"memo", "the researchers' notes", &opts.Def.Memo},
	}
	values := make([]string, len(fields))
	cmd := &cobra.Command{
		Use:   "define ID [--definition TEXT] [--include TEXT] [--exclude TEXT] [--concept TEXT] [--memo TEXT]",
		Short: "Write a theme's or code's definition, scope, concept or memo",
		Long: `Set the descriptive fields of a theme or code. Only the fields given change;
an empty value ("") clears a field. Text may run over several lines (quote
it in the shell). The history records which fields changed.`,
		Example: `  mixeval codebook define not-alone --definition "Relief at finding others with the same experience." \
    --include "Talk of peers, of not being the only one." --exclude "Praise for the facilitators."
  mixeval codebook define sense-of-belonging --concept "Among others who live it, the pain need not be explained."`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeNodes(anyNode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			for i, fl := range fields {
				if cmd.Flags().Changed(fl.flag) {
					*fl.dst = &values[i]
				}
			}
			if opts.Def == (backend.Definition{}) {
				return usageErrorf("say what to set: --definition, --include, --exclude, --concept or --memo")
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookDefineRun(opts)
		},
	}
	for i, fl := range fields {
		cmd.Flags().StringVar(&values[i], fl.flag, "", fl.usage)
	}
	shared.bindBy(cmd)
	return cmd
}

func codebookDefineRun(opts *codebookDefineOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	var before *codebook.Node
	if cb, err := b.Codebook(); err == nil {
		before = cb.Find(opts.ID)
	}
	if _, err := b.DefineNode(opts.ID, opts.Def); err != nil {
		return codebookAdvice(err)
	}
	changed := changedFields(before, opts.Def)
	if len(changed) == 0 {
		fmt.Fprintf(opts.IO.Out, "[%s] already reads so: nothing changed\n", opts.ID)
		return nil
	}
	fmt.Fprintf(opts.IO.Out, "set the %s of [%s]\n", strings.Join(changed, ", "), opts.ID)
	return nil
}

// changedFields names the fields of def that differ from n's (all given
// fields when n is unknown).
func changedFields(n *codebook.Node, def backend.Definition) []string {
	var sc codebook.Scope
	var cur codebook.Node
	if n != nil {
		cur = *n
		if n.Scope != nil {
			sc = *n.Scope
		}
	}
	var out []string
	add := func(name string, v *string, have string) {
		if v != nil && (n == nil || *v != have) {
			out = append(out, name)
		}
	}
	add("definition", def.Definition, cur.Definition)
	add("scope include", def.Include, sc.Include)
	add("scope exclude", def.Exclude, sc.Exclude)
	add("central organising concept", def.Concept, cur.Concept)
	add("memo", def.Memo, cur.Memo)
	return out
}
