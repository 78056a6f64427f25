package study

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

func TestInit(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "Pain group")
	if err := Init(dir); err != nil {
		t.Fatal(err)
	}
	s, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Manifest.Title != "Pain group" || s.Manifest.Mode != "reflexive" {
		t.Errorf("manifest %+v", s.Manifest)
	}
	for _, d := range []string{"sources", "coding", "scores"} {
		if st, err := os.Stat(filepath.Join(dir, d)); err != nil || !st.IsDir() {
			t.Errorf("%s: %v", d, err)
		}
	}
	before, _ := os.ReadFile(filepath.Join(dir, "mixeval.yaml"))
	if err := Init(dir); !errors.Is(err, ErrStudyExists) {
		t.Errorf("second init: %v", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "mixeval.yaml"))
	if string(before) != string(after) {
		t.Error("second init changed the manifest")
	}
}

func TestEnsureGitignore(t *testing.T) {
	tests := []struct{ old, want string }{
		{"", "# derived and rebuildable: search index, caches, journals\n.mixeval/\n# temporary files of interrupted saves\n.*.tmp-*\n"},
		{"*.docx", "*.docx\n# derived and rebuildable: search index, caches, journals\n.mixeval/\n# temporary files of interrupted saves\n.*.tmp-*\n"},
		{"a\n.mixeval/\n", "a\n.mixeval/\n# temporary files of interrupted saves\n.*.tmp-*\n"},
		{"a\n.mixeval/\n.*.tmp-*\n", "a\n.mixeval/\n.*.tmp-*\n"},
	}
	for _, tt := range tests {
		dir := t.TempDir()
		if tt.old != "" {
			os.WriteFile(filepath.Join(dir, ".gitignore"), []byte(tt.old), 0o644)
		}
		if err := ensureGitignore(dir); err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, ".gitignore"))
		if string(got) != tt.want {
			t.Errorf("from %q: got %q, want %q", tt.old, got, tt.want)
		}
	}
}

func TestInitFromFS(t *testing.T) {
	fsys := fstest.MapFS{
		"mixeval.yaml":         {Data: []byte("title: Sample\n")},
		"sources/feedback.csv": {Data: []byte("id,q\nP01,a\n")},
		"embed.go":             {Data: []byte("package sampledata\n")},
	}
	dir := filepath.Join(t.TempDir(), "demo")
	if err := InitFromFS(dir, fsys); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"mixeval.yaml", "sources/feedback.csv", "codebook.yaml", ".gitignore", "coding", "scores"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "embed.go")); err == nil {
		t.Error("Go source copied into the study")
	}
	if err := InitFromFS(dir, fsys); !errors.Is(err, ErrStudyExists) {
		t.Errorf("second init: %v", err)
	}
}
