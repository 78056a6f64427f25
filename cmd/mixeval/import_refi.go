package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/backend"
)

// importREFIRun imports a REFI-QDA codebook (.qdc) or project (.qdpx).
func importREFIRun(opts *importOptions) error {
	if opts.ID != "" || len(opts.Texts) > 0 || len(opts.Attrs) > 0 || opts.Sheet != "" {
		return usageErrorf("--id, --text, --attr and --sheet are for feedback forms; a REFI-QDA file brings its own mapping")
	}
	b, err := opts.Backend()
	if err != nil {
		return err
	}
	res, err := b.ImportREFI(opts.Path)
	if res != nil && opts.Format == "json" && err == nil {
		return writeJSON(opts.IO.Out, res)
	}
	if res != nil {
		printREFIImport(opts.IO, opts.Path, res)
	}
	return err
}

func printREFIImport(io *ioStreams, path string, res *backend.REFIImport) {
	w := io.Out
	what := "codebook"
	if res.Project {
		what = "project"
	}
	fmt.Fprintf(w, "imported the %s %s\n", what, path)
	fmt.Fprintf(w, "  codes: %d added, %d already in the codebook\n", len(res.CodesCreated), res.CodesMatched)
	if res.Project {
		fmt.Fprintf(w, "  answers: %d in the project, %d added", res.Documents, res.NewDocuments)
		if res.Source != "" {
			fmt.Fprintf(w, " as %s", res.Source)
		}
		fmt.Fprintln(w)
		if res.Empty > 0 {
			fmt.Fprintf(w, "  %s added for respondents who did not answer every question\n", pluralize(res.Empty, "empty answer"))
		}
		var parts []string
		for _, c := range sortedIDs(res.Segments) {
			parts = append(parts, fmt.Sprintf("%s %d", c, res.Segments[c]))
		}
		if len(parts) == 0 {
			parts = []string{"none"}
		}
		fmt.Fprintf(w, "  segments: %s\n", strings.Join(parts, ", "))
		if len(res.Coders) > 0 {
			fmt.Fprintf(w, "  coders added to mixeval.yaml: %s\n", strings.Join(res.Coders, ", "))
		}
		if res.Memos > 0 {
			fmt.Fprintf(w, "  memos: %d\n", res.Memos)
		}
	}
	if len(res.Skipped) > 0 {
		fmt.Fprintf(w, "skipped (%d):\n", len(res.Skipped))
		for _, s := range res.Skipped {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
}

func sortedIDs(m map[string]int) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
