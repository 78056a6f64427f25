package coding

import (
	"os"
	"path/filepath"
	"testing"
)

// TestHolder: Holder tells a running session (open, with its pid) from no
// session and from the files a crashed session left (not open).
func TestHolder(t *testing.T) {
	dir := newStudy(t)
	if pid, open := Holder(dir, "alice"); open || pid != 0 {
		t.Fatalf("no session yet: Holder = %d, %v", pid, open)
	}
	s := openTest(t, dir)
	if pid, open := Holder(dir, "alice"); !open || pid != os.Getpid() {
		t.Fatalf("session open: Holder = %d, %v; want %d, true", pid, open, os.Getpid())
	}
	if _, open := Holder(dir, "bob"); open {
		t.Fatal("bob reported open while only alice's session runs")
	}
	s.Close()
	if _, open := Holder(dir, "alice"); open {
		t.Fatal("alice reported open after Close")
	}
	// A crash leaves the lock file and the pid file, but no flock.
	jdir := journalDir(dir)
	os.WriteFile(filepath.Join(jdir, "alice.pid"), []byte("999999\n"), 0o644)
	if _, open := Holder(dir, "alice"); open {
		t.Fatal("a crashed session's leftovers reported as open")
	}
	// The probe leaves the lock free for the next writer.
	s2, err := Open(dir, "alice")
	if err != nil {
		t.Fatalf("open after probing: %v", err)
	}
	s2.Close()
}
