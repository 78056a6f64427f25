package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/quant"
)

// Flags reach the options struct as given; unset optional numbers stay nil.
func TestQuantRCIFlags(t *testing.T) {
	var got *quantRCIOptions
	f := &factory{IO: &ioStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
	cmd := newQuantRCICmd(f, func(o *quantRCIOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"s.csv", "--reliability", "0.83", "--norm-mean", "0", "--lower-is-better", "--criterion", "b", "--z", "1.645", "--id-col", "patient", "--measure", "PSEQ", "--compat", "clinsig", "--format", "md", "--summary"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.File != "s.csv" || got.Reliability != 0.83 || got.NormMean == nil || *got.NormMean != 0 || got.NormSD != nil ||
		got.ClinicalMean != nil || !got.Lower || got.Higher || got.Criterion != "b" || got.Z == nil || *got.Z != 1.645 ||
		got.IDCol != "patient" || got.PreCol != "pre" || got.Measure != "PSEQ" || got.Compat != "clinsig" || got.Format != "md" || !got.Summary {
		t.Errorf("options %+v", got)
	}
	opt, format, err := got.analysisOptions()
	if err != nil {
		t.Fatal(err)
	}
	if format != quant.FormatMarkdown || opt.Direction != quant.LowerIsBetter || opt.Norm == nil || opt.Norm.SD != nil || opt.Criterion != quant.CriterionB || opt.Compat != quant.CompatClinsig {
		t.Errorf("analysis options %+v", opt)
	}
}

func TestQuantRCIExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.csv", "id,pre,post\nP1,10,20\nP2,12,13\nP3,9,\n")
	bad := write("bad.csv", "id,pre,post\nP1,x,20\n")
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr string
	}{
		{"good", []string{good, "--reliability", "0.8", "--higher-is-better", "--criterion", "a"}, 0, "excluded"},
		{"bad cell", []string{bad, "--reliability", "0.8", "--higher-is-better", "--criterion", "a"}, 1, `row 2, column pre: "x"`},
		{"no reliability", []string{good, "--higher-is-better"}, 2, "--reliability is required"},
		{"both directions", []string{good, "--reliability", "0.8", "--higher-is-better", "--lower-is-better"}, 2, "contradict"},
		{"norm sd alone", []string{good, "--reliability", "0.8", "--higher-is-better", "--norm-sd", "3"}, 2, "--norm-sd needs --norm-mean"},
		{"z zero", []string{good, "--reliability", "0.8", "--higher-is-better", "--z", "0"}, 2, "--z 0 must be a positive number"},
		{"missing norm", []string{good, "--reliability", "0.8", "--higher-is-better"}, 1, "criterion c needs a norm"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runArgs(t, append([]string{"quant", "rci"}, tt.args...)...)
			if code != tt.code || !strings.Contains(errOut, tt.inStderr) {
				t.Fatalf("exit %d, want %d; stderr %q should contain %q", code, tt.code, errOut, tt.inStderr)
			}
			if code != 0 && out != "" {
				t.Errorf("stdout not empty on error: %q", out)
			}
		})
	}
}
