package main

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestCodesFlags(t *testing.T) {
	tests := []struct {
		args       []string
		wantFormat string
		wantUsage  bool
	}{
		{nil, "text", false},
		{[]string{"--format", "json"}, "json", false},
		{[]string{"--format", "yaml"}, "", true},
		{[]string{"extra"}, "", true},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f := &factory{IO: &ioStreams{In: strings.NewReader(""), Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
			var got *codesOptions
			cmd := newCodesCmd(f, func(o *codesOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&bytes.Buffer{})
			cmd.SetErr(&bytes.Buffer{})
			err := cmd.Execute()
			var u *usageError
			if tt.wantUsage {
				if !errors.As(err, &u) {
					t.Fatalf("want a usage error, got %v", err)
				}
				return
			}
			if err != nil || got == nil || got.Format != tt.wantFormat {
				t.Fatalf("err %v, options %+v", err, got)
			}
		})
	}
}
