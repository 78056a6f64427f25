package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
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
		if err != nil || got == nil || got.Format != tt.want.Format || got.PlotDir != tt.want.PlotDir {
			t.Errorf("%v: got %+v, err %v", tt.args, got, err)
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
