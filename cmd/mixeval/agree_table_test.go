package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/thematic/agree"
)

// Flag parsing alone: the run function is replaced, so no file is read.
func TestAgreeTableFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
		cats    []float64
		levels  []agree.Level
		format  string
	}{
		{name: "defaults", args: []string{"f.csv"}, levels: agree.AllLevels(), format: "table"},
		{name: "categories and levels", args: []string{"f.csv", "--categories", "3,1,2", "--level", "ordinal,nominal", "--format", "json"},
			cats: []float64{3, 1, 2}, levels: []agree.Level{agree.Ordinal, agree.Nominal}, format: "json"},
		{name: "bad format", args: []string{"f.csv", "--format", "md"}, wantErr: "use table or json"},
		{name: "bad level", args: []string{"f.csv", "--level", "nominal,x"}, wantErr: `level "x" is not known`},
		{name: "duplicate category", args: []string{"f.csv", "--categories", "1,1"}, wantErr: "declared twice"},
		{name: "empty categories", args: []string{"f.csv", "--categories", ""}, wantErr: "no categories"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *agreeTableOptions
			f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
			cmd := newAgreeTableCmd(f, func(o *agreeTableOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want %q", err, tt.wantErr)
				}
				if _, ok := err.(*usageError); !ok {
					t.Errorf("error %T is not a usage error (exit 2)", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.File != "f.csv" || !slices.Equal(got.Categories, tt.cats) || !slices.Equal(got.Levels, tt.levels) || got.Format != tt.format {
				t.Errorf("options %+v", got)
			}
		})
	}
}
