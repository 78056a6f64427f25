package main

import (
	"bytes"
	"errors"
	"testing"
)

// TestExportFlags checks flag parsing alone (the run function replaced):
// defaults, and the mistakes that are usage errors.
func TestExportFlags(t *testing.T) {
	for _, tt := range []struct {
		args  []string
		usage bool
		check func(*exportOptions) bool
	}{
		{[]string{"segments"}, false, func(o *exportOptions) bool { return o.What == "segments" && o.Format == "csv" && !o.Redact }},
		{[]string{"matrix", "--by", "document", "--level", "code", "--counts", "--coding", "bob"}, false,
			func(o *exportOptions) bool {
				return o.By == "document" && o.Level == "code" && o.Counts && o.Coding == "bob"
			}},
		{[]string{"matrix"}, false, func(o *exportOptions) bool { return o.By == "respondent" && o.Level == "theme" }},
		{[]string{"memos", "--format", "json", "--redact", "-o", "m.json"}, false, func(o *exportOptions) bool { return o.Redact && o.Output == "m.json" }},
		{[]string{"qdpx", "-o", "x.qdpx"}, false, func(o *exportOptions) bool { return o.What == "qdpx" }},
		{[]string{"qdpx"}, true, nil},
		{[]string{"qdc", "-o", "-"}, true, nil},
		{[]string{"segments", "--format", "xlsx"}, true, nil},
		{[]string{"matrix", "--level", "word"}, true, nil},
		{[]string{"memos", "--coding", "bob"}, true, nil}, // memos hold every coding
	} {
		var got *exportOptions
		f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
		cmd := newExportCmd(f, func(o *exportOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		var u *usageError
		isUsage := errors.As(err, &u) || err != nil && isCobraUsage(err)
		switch {
		case tt.usage && !isUsage:
			t.Errorf("%v: got %v, want a usage error", tt.args, err)
		case !tt.usage && err != nil:
			t.Errorf("%v: %v", tt.args, err)
		case !tt.usage && !tt.check(got):
			t.Errorf("%v: options %+v", tt.args, got)
		}
	}
}

func TestThemesFlags(t *testing.T) {
	var got *themesOptions
	f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
	cmd := newThemesCmd(f, func(o *themesOptions) error { got = o; return nil })
	cmd.SetArgs([]string{})
	if err := cmd.Execute(); err != nil || got.Format != "md" || got.Quotes != "all" || got.Codes || got.Redact {
		t.Errorf("defaults: %+v %v", got, err)
	}
	cmd = newThemesCmd(f, func(o *themesOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--coding", "consensus", "--quotes", "pinned", "--codes", "--format", "mermaid", "-o", "t.mmd", "--redact"})
	if err := cmd.Execute(); err != nil || got.Coding != "consensus" || got.Quotes != "pinned" || !got.Codes || got.Format != "mermaid" || got.Output != "t.mmd" || !got.Redact {
		t.Errorf("flags: %+v %v", got, err)
	}
}
