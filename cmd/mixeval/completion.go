package main

import (
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/study"
)

// Dynamic shell completion ('mixeval completion bash|zsh|fish|powershell'):
// coder names, code and theme ids, and document ids, read from the study
// that --study names (or the nearest one upwards) at each Tab. A study
// that cannot be read completes nothing, without a message: the shell
// shows none.

// completeFunc is cobra's signature for completing an argument or a flag.
type completeFunc = cobra.CompletionFunc

const noFiles = cobra.ShellCompDirectiveNoFileComp

// completionBackend opens the study for completion.
func (f *factory) completionBackend() *backend.Study {
	b, err := f.Backend("completion")()
	if err != nil {
		return nil
	}
	return b
}

// completeCoders offers the study's coders.
func (f *factory) completeCoders(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	b := f.completionBackend()
	if b == nil {
		return nil, noFiles
	}
	coders, _ := b.Coders()
	return withPrefix(coders, toComplete), noFiles
}

// completeCodingOwners offers the coders and "consensus", for commands
// that read the reconciled coding as well as a coder's.
func (f *factory) completeCodingOwners(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	out, dir := f.completeCoders(cmd, args, toComplete)
	if strings.HasPrefix(study.ConsensusCoder, toComplete) {
		out = append(out, study.ConsensusCoder)
	}
	return out, dir
}

// completeNodes offers codebook ids, with each node's name as the
// description, for the nodes keep accepts.
func (f *factory) completeNodes(keep func(*codebook.Node) bool) completeFunc {
	return func(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		b := f.completionBackend()
		if b == nil {
			return nil, noFiles
		}
		cb, err := b.Codebook()
		if err != nil {
			return nil, noFiles
		}
		var out []cobra.Completion
		cb.Walk(func(n, _ *codebook.Node) bool {
			if keep(n) && strings.HasPrefix(n.ID, toComplete) && !slices.Contains(args, n.ID) {
				out = append(out, cobra.CompletionWithDesc(n.ID, n.Name))
			}
			return true
		})
		return out, noFiles
	}
}

func anyNode(*codebook.Node) bool   { return true }
func isCode(n *codebook.Node) bool  { return n.Kind == codebook.Code }
func isTheme(n *codebook.Node) bool { return n.Kind == codebook.Theme }

// maxDocCompletions is how many document ids completion offers at most:
// a shell takes seconds to list 100,000 (bash: about 6 s), and no one
// reads them. Beyond it, completion offers the ids' next common prefixes.
const maxDocCompletions = 1000

// completeDocs offers document ids that start with what is typed, read
// without parsing the answers (backend.Study.DocumentIDs). Ids already
// given as arguments are left out. When more than maxDocCompletions match,
// it offers their prefixes instead, each as long as possible while there
// are no more than that many ("R000", "R001", … for R000001/experience),
// so that each Tab narrows the choice.
func (f *factory) completeDocs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	b := f.completionBackend()
	if b == nil {
		return nil, noFiles
	}
	ids, err := b.DocumentIDs()
	if err != nil {
		return nil, noFiles
	}
	matches := prefixRange(ids, toComplete)
	if len(matches) > maxDocCompletions {
		return narrowPrefixes(matches, len(toComplete), maxDocCompletions), noFiles | cobra.ShellCompDirectiveNoSpace
	}
	var out []cobra.Completion
	for _, id := range matches {
		if !slices.Contains(args, id) {
			out = append(out, id)
		}
	}
	return out, noFiles
}

// narrowPrefixes returns the distinct prefixes of sorted, cut after the
// same number of bytes (at least typed+1, moved on to a whole character),
// for the longest cut that gives no more than limit of them.
func narrowPrefixes(sorted []string, typed, limit int) []cobra.Completion {
	best := distinctPrefixes(sorted, typed+1)
	longest := maxIDLength(sorted)
	// The count of prefixes only grows with the cut.
	for n := typed + 2; n <= longest; n++ {
		next := distinctPrefixes(sorted, n)
		if len(next) > limit {
			break
		}
		best = next
	}
	return best
}

// distinctPrefixes returns the distinct prefixes of sorted cut after n
// bytes (or the whole id, when shorter), each cut moved on to the end of
// a character.
func distinctPrefixes(sorted []string, n int) []cobra.Completion {
	var out []cobra.Completion
	for _, id := range sorted {
		p := id
		if len(id) > n {
			cut := n
			for cut < len(id) && !utf8.RuneStart(id[cut]) {
				cut++
			}
			p = id[:cut]
		}
		if len(out) == 0 || out[len(out)-1] != p {
			out = append(out, p)
		}
	}
	return out
}

func maxIDLength(ids []string) int {
	n := 0
	for _, id := range ids {
		n = max(n, len(id))
	}
	return n
}

// prefixRange returns the run of sorted that starts with prefix.
func prefixRange(sorted []string, prefix string) []string {
	i := sort.SearchStrings(sorted, prefix)
	j := i
	for j < len(sorted) && strings.HasPrefix(sorted[j], prefix) {
		j++
	}
	return sorted[i:j]
}

// withPrefix keeps the values that start with prefix.
func withPrefix(values []string, prefix string) []cobra.Completion {
	var out []cobra.Completion
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// firstArg completes only the first positional argument.
func firstArg(fn completeFunc) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, noFiles
		}
		return fn(cmd, args, toComplete)
	}
}

// commaList completes the last item of a comma-separated list (--coders
// alice,bob), keeping the items before it.
func commaList(fn completeFunc) completeFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		head := ""
		if i := strings.LastIndexByte(toComplete, ','); i >= 0 {
			head, toComplete = toComplete[:i+1], toComplete[i+1:]
		}
		items, dir := fn(cmd, args, toComplete)
		given := strings.Split(strings.TrimSuffix(head, ","), ",")
		var out []cobra.Completion
		for _, it := range items {
			if id, _, _ := strings.Cut(it, "\t"); !slices.Contains(given, id) {
				out = append(out, head+it)
			}
		}
		return out, dir | cobra.ShellCompDirectiveNoSpace
	}
}

// registerFlagCompletions gives every command's --coder, --coders, --doc,
// --code and --codes flags their completion, unless the command gave its
// own.
func registerFlagCompletions(root *cobra.Command, f *factory) {
	byFlag := map[string]completeFunc{
		"coder":  f.completeCoders,
		"coders": commaList(f.completeCoders),
		"doc":    f.completeDocs,
		"code":   f.completeNodes(isCode),
		"codes":  commaList(f.completeNodes(isCode)),
	}
	var walk func(*cobra.Command)
	walk = func(c *cobra.Command) {
		for name, fn := range byFlag {
			if c.LocalNonPersistentFlags().Lookup(name) != nil {
				if _, ok := c.GetFlagCompletionFunc(name); !ok {
					c.RegisterFlagCompletionFunc(name, fn)
				}
			}
		}
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}
