package coding

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSecondWriterIsRefused(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	_, err := Open(dir, "alice")
	var le *LockedError
	if !errors.As(err, &le) {
		t.Fatalf("err = %v, want a LockedError", err)
	}
	want := fmt.Sprintf("coding/alice.yaml is open in another mixeval (pid %d)", os.Getpid())
	if err.Error() != want {
		t.Fatalf("err = %q, want %q", err, want)
	}
	// Another coder is not blocked.
	b, err := Open(dir, "bob")
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	s.Close()
	s2, err := Open(dir, "alice")
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	s2.Close()
}

func TestStaleLockFileIsRecovered(t *testing.T) {
	dir := newStudy(t)
	jdir := journalDir(dir)
	os.MkdirAll(jdir, 0o755)
	// Left behind by a process that died: lock file and pid file, no flock held.
	os.WriteFile(filepath.Join(jdir, "alice.lock"), nil, 0o644)
	os.WriteFile(filepath.Join(jdir, "alice.pid"), []byte("999999\n"), 0o644)
	s, err := Open(dir, "alice")
	if err != nil {
		t.Fatalf("stale lock not recovered: %v", err)
	}
	if got := readPID(filepath.Join(jdir, "alice.pid")); got != os.Getpid() {
		t.Fatalf("pid file holds %d, want ours", got)
	}
	s.Close()
	if _, err := os.Stat(filepath.Join(jdir, "alice.pid")); !os.IsNotExist(err) {
		t.Fatal("pid file left after close")
	}
}

func TestMissingStudyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	if _, err := Open(dir, "alice"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatal("Open created a missing study folder")
	}
}

func TestBadCoderName(t *testing.T) {
	for _, name := range []string{"", "Alice", "../etc", "a b", ".hidden"} {
		if _, err := Open(newStudy(t), name); err == nil {
			t.Errorf("coder %q accepted", name)
		}
	}
}
