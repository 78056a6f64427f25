package main

import (
	"reflect"
	"testing"
)

func TestImportFlags(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want importOptions
	}{
		{"mapping", []string{"form.csv", "--id", "Patient", "--text", "What helped?=helped", "--text", "Online?", "--attr", "group", "--attr", "sessions"},
			importOptions{Path: "form.csv", ID: "Patient", Texts: []string{"What helped?=helped", "Online?"}, Attrs: []string{"group", "sessions"}, Format: "text", MaxFormSize: "512MB", MaxAnswerSize: "1MB"}},
		// A header with a comma stays one value: --text is a string array,
		// not a comma-separated slice.
		{"comma in header", []string{"f.xlsx", "--sheet", "Form1", "--text", "Good, bad?"},
			importOptions{Path: "f.xlsx", Sheet: "Form1", Texts: []string{"Good, bad?"}, Format: "text", MaxFormSize: "512MB", MaxAnswerSize: "1MB"}},
		{"no flags", []string{"f.csv"}, importOptions{Path: "f.csv", Format: "text", MaxFormSize: "512MB", MaxAnswerSize: "1MB"}},
		{"json", []string{"f.csv", "--format", "json"}, importOptions{Path: "f.csv", Format: "json", MaxFormSize: "512MB", MaxAnswerSize: "1MB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *importOptions
			f := &factory{IO: &ioStreams{}}
			cmd := newImportCmd(f, func(o *importOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			if err := cmd.Execute(); err != nil {
				t.Fatal(err)
			}
			got.IO, got.Backend = nil, nil
			if !reflect.DeepEqual(*got, tt.want) {
				t.Errorf("got %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestInitFlags(t *testing.T) {
	var got *initOptions
	cmd := newInitCmd(&factory{IO: &ioStreams{}}, func(o *initOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--from-sample", "demo"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Dir != "demo" || !got.FromSample {
		t.Errorf("got %+v", got)
	}
}
