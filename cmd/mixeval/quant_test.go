package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/quant"
)

func TestQuantFlags(t *testing.T) {
	tests := []struct {
		args    []string
		want    quantOptions
		wantErr string
	}{
		{[]string{}, quantOptions{Format: "table"}, ""},
		{[]string{"--format", "json", "--plot", "out"}, quantOptions{Format: "json", PlotDir: "out"}, ""},
		{[]string{"--format", "xml"}, quantOptions{}, `format "xml" is not known`},
		{[]string{"extra"}, quantOptions{}, "unknown command"},
		{[]string{"--from", "pre"}, quantOptions{}, "give --from and --to together"},
		{[]string{"--from", "pre", "--to", "pre"}, quantOptions{}, "give two different time points"},
		{[]string{"--from", "pre", "--to", "3 months"}, quantOptions{}, "is not a time point"},
		{[]string{"--method", "xyz"}, quantOptions{}, `method "xyz" is not known`},
		{[]string{"--categories", "five"}, quantOptions{}, `categories "five" are not known`},
		{[]string{"--compat", "r"}, quantOptions{}, `compatibility mode "r" is not known`},
		{[]string{"--pct-deteriorate", "0.2"}, quantOptions{}, "--pct-deteriorate needs --pct-improve"},
		{[]string{"--method", "ha", "--categories", "combined", "--from", "pre", "--to", "fu3", "--pct-improve", "0.5", "--compat", "clinicalsignificance"},
			quantOptions{Format: "table", Method: "ha", Categories: "combined", From: "pre", To: "fu3", Compat: "clinicalsignificance"}, ""},
	}
	for _, tt := range tests {
		var got *quantOptions
		f := &factory{IO: &ioStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
		cmd := newQuantCmd(f, func(o *quantOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: err = %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || got.Format != tt.want.Format || got.PlotDir != tt.want.PlotDir || got.Method != tt.want.Method ||
			got.From != tt.want.From || got.To != tt.want.To || got.Compat != tt.want.Compat {
			t.Errorf("%v: got %+v, err %v", tt.args, got, err)
			continue
		}
		so, err := got.studyOptions()
		if err != nil {
			t.Errorf("%v: %v", tt.args, err)
		}
		if tt.want.Method == "ha" && (so.Method != quant.MethodHA || so.Categories != quant.CategoriesCombined || so.Percentage == nil || so.Percentage.Deteriorate != 0.5 || so.Compat != quant.CompatClinicalSignificance) {
			t.Errorf("%v: study options %+v", tt.args, so)
		}
	}
}

// The JSON contract of issue 2 §4: {"measures": [{"name": ..., <Result>}]}.
func TestQuantJSONShape(t *testing.T) {
	out, errOut, code := runArgs(t, "quant", "--study", "../../sample-data", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Measures []map[string]json.RawMessage `json:"measures"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range doc.Measures {
		var name string
		_ = json.Unmarshal(m["name"], &name)
		names = append(names, name)
		for _, k := range []string{"n", "excluded", "direction", "reliability", "z", "clinical", "norm", "criterion", "cutoffs", "s_diff", "rc_threshold", "patients", "table", "sources"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%s: no %q", name, k)
			}
		}
	}
	if got := strings.Join(names, ","); got != "SCS-SF,PSEQ,FSCRS-Hated,FSCRS-Reassured,FSCRS-Inadequate" {
		t.Errorf("names %s", got)
	}
}
