package main

import (
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
		Example: `  mixeval quant --study sample-data
  mixeval quant rci scores.csv --reliability 0.88 --higher-is-better --criterion a`,
		Version:       version,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.PersistentFlags().StringVar(&f.studyDir, "study", "", "study folder (default: nearest folder upwards with a mixeval.yaml)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	root.CompletionOptions.DisableDefaultCmd = true

	root.AddCommand(
		newQuantCmd(f, nil),
		newAgreeCmd(f, nil),
		newReconcileCmd(f, nil),
		newCodesCmd(f, nil),
		newInitCmd(f, nil),
		newImportCmd(f, nil),
		newValidateCmd(f, nil),
		newSearchCmd(f, nil),
		newWordsCmd(f, nil),
		newCodeCmd(f, nil),
		newUncodeCmd(f, nil),
		newAutocodeCmd(f, nil),
		newSaveCmd(f, nil),
	)
	return root
}

func run(args []string, io *ioStreams) int {
	f := &factory{IO: io}
	root := newRootCmd(f)
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	return report(io.ErrOut, cmd, err)
}
