package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
)

type codebookSplitOptions struct {
	IO      *ioStreams
	Backend func() (*backend.Study, error)

	ID     string
	Into   []string // NEW: "ID=Name" or "Name"
	Assign []string // SEGMENT=NEW, NEW the id or the name of a new code
}

func newCodebookSplitCmd(f *factory, shared *codebookFlags, runF func(*codebookSplitOptions) error) *cobra.Command {
	opts := &codebookSplitOptions{IO: f.IO, Backend: shared.backend(f, "split")}
	cmd := &cobra.Command{
		Use:   "split CODE --into NEW --into NEW... [--assign SEGMENT=NEW...]",
		Short: "Make two or more codes from one, and move segments to them",
		Long: `Split a code into two or more new codes, placed beside it. Give each new
code with --into as ID=Name (id and name) or as a Name alone (the id is
then made from the name, as 'codebook add' does, and printed).

--assign SEGMENT=NEW moves one segment (its id, from the coder file or
'mixeval show') from the old code to a new one, in every coder's file that
has that segment with the old code. NEW is the new code's id or its name
as given in --into. The old code stays, with the segments not assigned,
until you delete it: 'mixeval codebook delete CODE --reassign NEW' then
moves all that are left to one of the new codes.`,
		Example: `  mixeval codebook split skills-and-techniques \
    --into breathing="Breathing exercises" --into imagery="Compassionate imagery" \
    --assign 5f6a7b8c9d=breathing --assign 0a1b2c3d4e=imagery
  mixeval codebook delete skills-and-techniques --reassign breathing`,
		Args:              exactArgs(1, ""),
		ValidArgsFunction: firstArg(f.completeNodes(isCode)),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.ID = args[0]
			if len(opts.Into) < 2 {
				return usageErrorf("give at least two new codes with --into (ID=Name or Name)")
			}
			for _, a := range opts.Assign {
				if seg, to, ok := strings.Cut(a, "="); !ok || seg == "" || to == "" {
					return usageErrorf("--assign %q: write SEGMENT=NEW, e.g. --assign 5f6a7b8c9d=breathing", a)
				}
			}
			if runF != nil {
				return runF(opts)
			}
			return codebookSplitRun(opts)
		},
	}
	cmd.Flags().StringArrayVar(&opts.Into, "into", nil, "a new code, as ID=Name or Name (repeat for each, at least two)")
	cmd.Flags().StringArrayVar(&opts.Assign, "assign", nil, "move segment SEGMENT to new code NEW: SEGMENT=NEW (repeatable)")
	shared.bindBy(cmd)
	return cmd
}

func codebookSplitRun(opts *codebookSplitOptions) error {
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	cb, err := b.Codebook()
	if err != nil {
		return err
	}
	parts, err := splitParts(cb, opts.Into)
	if err != nil {
		return err
	}
	assign, err := splitAssign(parts, opts.Assign)
	if err != nil {
		return err
	}
	req := backend.SplitRequest{ID: opts.ID, Into: parts, Assign: assign}
	res, err := b.SplitNode(req)
	if err != nil {
		return codebookAdvice(err)
	}
	made := make([]string, len(parts))
	for i, p := range parts {
		made[i] = fmt.Sprintf("[%s] %q", p.ID, p.Name)
	}
	fmt.Fprintf(opts.IO.Out, "split [%s] into %s; [%s] stays for the segments not assigned\n", opts.ID, strings.Join(made, ", "), opts.ID)
	if len(assign) > 0 {
		printRecoded(opts.IO.Out, "assigned", res.Recoded)
	}
	return nil
}

// splitParts reads each --into value: "ID=Name" when the part before the
// first "=" is a slug, else a name, whose id is made from it as
// 'codebook add' would make it (distinct among the new codes).
func splitParts(cb *codebook.Codebook, into []string) ([]codebook.NewNode, error) {
	parts := make([]codebook.NewNode, len(into))
	used := map[string]bool{}
	for i, v := range into {
		p := codebook.NewNode{Kind: codebook.Code, Name: v}
		if id, name, ok := strings.Cut(v, "="); ok && id != "" && codebook.Slug(id) == id {
			p.ID, p.Name = id, name
		}
		if p.ID == "" {
			p.ID = cb.NewID(p.Name, codebook.Code)
		}
		if used[p.ID] {
			return nil, usageErrorf("two new codes would have the id %q: give ids, e.g. --into %s-2=%q", p.ID, p.ID, p.Name)
		}
		used[p.ID] = true
		parts[i] = p
	}
	return parts, nil
}

// splitAssign reads the --assign values into segment → new code id; NEW
// may be a new code's id or its name.
func splitAssign(parts []codebook.NewNode, values []string) (map[string]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	out := map[string]string{}
	for _, v := range values {
		seg, ref, _ := strings.Cut(v, "=")
		id := ""
		for _, p := range parts {
			if ref == p.ID || ref == p.Name {
				id = p.ID
				break
			}
		}
		if id == "" {
			return nil, usageErrorf("--assign %s: %q is not one of the new codes (%s)", v, ref, strings.Join(partIDs(parts), ", "))
		}
		out[seg] = id
	}
	return out, nil
}

func partIDs(parts []codebook.NewNode) []string {
	ids := make([]string, len(parts))
	for i, p := range parts {
		ids[i] = p.ID
	}
	return ids
}
