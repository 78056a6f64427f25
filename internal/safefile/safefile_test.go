package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

func TestOpenFileRefusesLinksAndPipes(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "precious.txt")
	os.WriteFile(outside, []byte("keep me"), 0o644)
	link := filepath.Join(dir, "journal.log")
	os.Symlink(outside, link)

	_, err := OpenFile(link, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o644)
	var se *SymlinkError
	if !errors.As(err, &se) || se.Path != link {
		t.Fatalf("err = %v, want a SymlinkError naming %s", err, link)
	}
	if b, _ := os.ReadFile(outside); string(b) != "keep me" {
		t.Fatalf("the link's target was changed: %q", b)
	}

	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := OpenFile(fifo, os.O_RDWR, 0)
		done <- err
	}()
	select {
	case err := <-done:
		var ne *NotRegularError
		if !errors.As(err, &ne) || ne.Kind != "a named pipe (FIFO)" {
			t.Fatalf("err = %v, want NotRegularError for a FIFO", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("OpenFile blocked on a FIFO")
	}
}

func TestReadFileOnlyRegularAndCapped(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "mixeval.yaml")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := ReadFile(fifo, 0)
		done <- err
	}()
	select {
	case err := <-done:
		var ne *NotRegularError
		if !errors.As(err, &ne) {
			t.Fatalf("err = %v, want NotRegularError", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("ReadFile blocked on a FIFO")
	}

	// A link to /dev/zero would never end.
	zero := filepath.Join(dir, "zero.csv")
	os.Symlink("/dev/zero", zero)
	if _, err := ReadFile(zero, 0); err == nil || err.Error() != zero+" is a character device, not a regular file: mixeval reads only regular files" {
		t.Fatalf("err = %v", err)
	}
	if _, err := ReadFile(dir, 0); err == nil || err.Error() != dir+" is a folder, not a regular file: mixeval reads only regular files" {
		t.Fatalf("err = %v", err)
	}

	big := filepath.Join(dir, "big.csv")
	os.WriteFile(big, make([]byte, 2048), 0o644)
	_, err := ReadFile(big, 1024)
	var te *TooLargeError
	if !errors.As(err, &te) || te.Size != 2048 || err.Error() != big+" is larger than the 1 KB that mixeval reads from such a file" {
		t.Fatalf("err = %v", err)
	}
	if b, err := ReadFile(big, 2048); err != nil || len(b) != 2048 {
		t.Fatalf("at the limit: %d bytes, %v", len(b), err)
	}
}

func TestRefuseLinksUnder(t *testing.T) {
	root := t.TempDir()
	outside := t.TempDir()
	os.MkdirAll(filepath.Join(root, ".mixeval"), 0o755)
	os.Symlink(outside, filepath.Join(root, ".mixeval", "journal"))
	err := RefuseLinksUnder(root, filepath.Join(root, ".mixeval", "journal", "alice.log"))
	var se *SymlinkError
	if !errors.As(err, &se) || se.Path != filepath.Join(root, ".mixeval", "journal") {
		t.Fatalf("err = %v", err)
	}
	if err := MkdirAll(root, filepath.Join(root, ".mixeval", "journal", "x")); !errors.As(err, &se) {
		t.Fatalf("MkdirAll err = %v", err)
	}
	if _, err := os.Stat(filepath.Join(outside, "x")); err == nil {
		t.Fatal("MkdirAll made a folder through the link")
	}
	// The root itself may be reached through a link.
	linkedRoot := filepath.Join(t.TempDir(), "study")
	os.Symlink(root, linkedRoot)
	if err := RefuseLinksUnder(linkedRoot, filepath.Join(linkedRoot, "coding", "a.yaml")); err != nil {
		t.Fatal(err)
	}
}
