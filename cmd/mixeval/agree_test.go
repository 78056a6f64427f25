package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// Flag parsing alone for agree and reconcile: the run function is replaced,
// so no study is read.
func TestAgreeFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*agreeOptions) bool
	}{
		{nil, "", func(o *agreeOptions) bool {
			return o.Overlap == 90 && o.Format == "table" && !o.Stats && o.Coders == nil
		}},
		{[]string{"--coders", "alice,bob", "--codes", "a,b", "--overlap", "75", "--stats", "--format", "md"}, "", func(o *agreeOptions) bool {
			return slices.Equal(o.Coders, []string{"alice", "bob"}) && slices.Equal(o.Codes, []string{"a", "b"}) && o.Overlap == 75 && o.Stats && o.Format == "md"
		}},
		{[]string{"--bootstrap", "1000", "--seed", "9"}, "", func(o *agreeOptions) bool { return o.Bootstrap == 1000 && o.Seed == 9 }},
		{[]string{"--seed", "9"}, "--seed needs --bootstrap", nil},
		{[]string{"--overlap", "101"}, "at most 100", nil},
		{[]string{"--format", "xml"}, "use table, json, md or csv", nil},
	}
	for _, tt := range tests {
		var got *agreeOptions
		f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
		cmd := newAgreeCmd(f, func(o *agreeOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || !tt.check(got) {
			t.Errorf("%v: err %v, options %+v", tt.args, err, got)
		}
	}
}

func TestReconcileFlags(t *testing.T) {
	tests := []struct {
		args    []string
		wantErr string
		check   func(*reconcileOptions) bool
	}{
		{nil, "", func(o *reconcileOptions) bool { return o.Overlap == 0 && !o.List && len(o.requests) == 0 }},
		{[]string{"--decide", "abc=accept-a", "--decide", "def=edit:3-9", "--memo", "m", "--by", "bob"}, "", func(o *reconcileOptions) bool {
			return len(o.requests) == 2 && o.requests[0].Memo == "m" && o.requests[1].Span == "3-9" && o.By == "bob"
		}},
		{[]string{"--overlap", "80", "--list", "--undo", "x"}, "", func(o *reconcileOptions) bool { return o.Overlap == 80 && o.List && o.Undo[0] == "x" }},
		{[]string{"--decide", "abc"}, "is not ITEM=DECISION", nil},
		{[]string{"--memo", "m"}, "--memo goes with --decide", nil},
		{[]string{"--coders", "a,b,c"}, "--coders takes two coders", nil},
	}
	for _, tt := range tests {
		var got *reconcileOptions
		f := &factory{IO: &ioStreams{Out: &bytes.Buffer{}, ErrOut: &bytes.Buffer{}}}
		cmd := newReconcileCmd(f, func(o *reconcileOptions) error { got = o; return nil })
		cmd.SetArgs(tt.args)
		cmd.SetOut(&bytes.Buffer{})
		cmd.SetErr(&bytes.Buffer{})
		err := cmd.Execute()
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("%v: error %v, want %q", tt.args, err, tt.wantErr)
			}
			continue
		}
		if err != nil || got == nil || !tt.check(got) {
			t.Errorf("%v: err %v, options %+v", tt.args, err, got)
		}
	}
}
