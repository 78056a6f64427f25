package main

import (
	"bufio"

	"github.com/spf13/cobra"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/study"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

// factory carries what every command needs: streams and the study location.
type factory struct {
	IO       *ioStreams
	studyDir string
}

// Study opens the study named by --study, else the nearest one upwards.
func (f *factory) Study() (*study.Study, error) {
	return study.Open(f.studyDir)
}

// Backend opens the study named by --study (else the nearest one upwards)
// for the command called name, which others waiting for a lock are told.
func (f *factory) Backend(name string) func() (*backend.Study, error) {
	return func() (*backend.Study, error) {
		return backend.Open(f.studyDir, backend.Options{Doing: "mixeval " + name})
	}
}

func newRootCmd(f *factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "mixeval",
		Short: "Mixed-methods service evaluation: thematic analysis and reliable change",
		Long: `mixeval evaluates a therapy service from two kinds of data about the same
patients: free-text feedback forms (thematic analysis, Braun & Clarke) and
pre/post questionnaire scores (reliable and clinically significant change,
Jacobson & Truax). Everything stays in the study folder; nothing uses a network.

A study is a folder with a mixeval.yaml. Commands find it like git finds a
repository: --study DIR, else the nearest folder upwards holding mixeval.yaml.`,
		Example: `  mixeval init --from-sample mystudy && cd mystudy
  mixeval show P01/helped --coder alice
  mixeval codebook merge mutual-support --into safe-to-share
  mixeval quant --study sample-data
  source <(mixeval completion bash)`,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.PersistentFlags().StringVar(&f.studyDir, "study", "", "study folder (default: nearest folder upwards with a mixeval.yaml)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	addGroups(root, []commandGroup{
		{"study", "Study", []*cobra.Command{
			newInitCmd(f, nil),
			newImportCmd(f, nil),
			newCoderCmd(f),
			newSaveCmd(f, nil),
			newValidateCmd(f, nil),
		}},
		{"qualitative", "Qualitative analysis", []*cobra.Command{
			newSearchCmd(f, nil),
			newWordsCmd(f, nil),
			newShowCmd(f, nil),
			newReviewCmd(f, nil, false),
			newReviewCmd(f, nil, true),
			newCodeCmd(f, nil),
			newUncodeCmd(f, nil),
			newAutocodeCmd(f, nil),
			newCodesCmd(f, nil),
			newCodebookCmd(f),
			newTuiCmd(f, nil),
		}},
		{"agreement", "Agreement and reconciliation", []*cobra.Command{
			newAgreeCmd(f, nil),
			newReconcileCmd(f, nil),
		}},
		{"quantitative", "Quantitative analysis", []*cobra.Command{
			newQuantCmd(f, nil),
		}},
		{"export", "Export and personal data", []*cobra.Command{
			newReportCmd(f, nil),
			newThemesCmd(f, nil),
			newExportCmd(f, nil),
			newPrivacyCmd(f),
		}},
	})
	registerFlagCompletions(root, f)
	return root
}

// commandGroup is a heading of 'mixeval --help' and its commands.
type commandGroup struct {
	id, title string
	cmds      []*cobra.Command
}

// addGroups adds the commands under their headings, as gh lists its own;
// a group with no commands yet is left out of the help. 'help' and
// 'completion' stay under "Additional Commands".
func addGroups(root *cobra.Command, groups []commandGroup) {
	for _, g := range groups {
		if len(g.cmds) == 0 {
			continue
		}
		root.AddGroup(&cobra.Group{ID: g.id, Title: g.title + " commands:"})
		for _, c := range g.cmds {
			c.GroupID = g.id
			root.AddCommand(c)
		}
	}
}

func run(args []string, io *ioStreams) int {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		// Completion may print 100,000 document ids, a line each: one
		// write instead of one per line.
		out := bufio.NewWriter(io.Out)
		defer out.Flush()
		buffered := *io
		buffered.Out = out
		io = &buffered
	}
	f := &factory{IO: io}
	root := newRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	return report(io.ErrOut, cmd, err)
}
