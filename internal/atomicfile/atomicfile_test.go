package atomicfile

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mixeval/mixeval/internal/safefile"

	"os"
	"path/filepath"
	"testing"
)

func TestWriteFileReplacesAndLeavesNoTemp(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	if err := WriteFile(p, []byte("one\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(p, []byte("two\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != "two\n" {
		t.Fatalf("content = %q, want %q", got, "two\n")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("directory holds %d entries, want 1 (temp file left behind?)", len(entries))
	}
}

func TestWriteFileMissingDirFails(t *testing.T) {
	err := WriteFile(filepath.Join(t.TempDir(), "no", "such", "a.yaml"), []byte("x"), 0o644)
	if err == nil {
		t.Fatal("want an error for a missing directory")
	}
}

// The syncs are what make a write survive a power cut; a test sees each one
// through a recording syncer: the new content is synced in the temporary
// file before the rename makes it visible, and the folder is synced after
// the rename. Removing either sync fails this test.
func TestWriteFileSyncsBeforeAndAfterRename(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "codebook.yaml")
	os.WriteFile(p, []byte("old\n"), 0o644)
	var events []string
	sync := func(f *os.File) error {
		fi, err := f.Stat()
		if err != nil {
			t.Fatal(err)
		}
		target, _ := os.ReadFile(p)
		if fi.IsDir() {
			events = append(events, "dir sees "+string(target))
			return nil
		}
		mine, _ := os.ReadFile(f.Name())
		events = append(events, "file "+string(mine)+" while target "+string(target))
		return nil
	}
	if err := writeFile(p, []byte("new\n"), 0o644, sync); err != nil {
		t.Fatal(err)
	}
	want := []string{"file new\n while target old\n", "dir sees new\n"}
	if !slices.Equal(events, want) {
		t.Fatalf("syncs %q, want %q", events, want)
	}
}

// A failed sync leaves the old content and no temporary file.
func TestWriteFileFailedSyncKeepsOld(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.yaml")
	os.WriteFile(p, []byte("old\n"), 0o644)
	err := writeFile(p, []byte("new\n"), 0o644, func(*os.File) error { return errors.New("disk gone") })
	if err == nil || !strings.Contains(err.Error(), "disk gone") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(p); string(b) != "old\n" {
		t.Fatalf("content %q after a failed write", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d entries, want 1", len(entries))
	}
}

func TestWriteFileRefusesLinks(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "target.yaml")
	os.WriteFile(outside, []byte("outside\n"), 0o644)
	link := filepath.Join(dir, "consensus.yaml")
	os.Symlink(outside, link)
	var se *safefile.SymlinkError
	if err := WriteFile(link, []byte("x"), 0o644); !errors.As(err, &se) {
		t.Fatalf("err = %v, want SymlinkError", err)
	}
	linkedDir := filepath.Join(dir, "coding")
	os.Symlink(t.TempDir(), linkedDir)
	if err := WriteFile(filepath.Join(linkedDir, "alice.yaml"), []byte("x"), 0o644); !errors.As(err, &se) || se.Path != linkedDir {
		t.Fatalf("err = %v, want SymlinkError for the folder", err)
	}
	if b, _ := os.ReadFile(outside); string(b) != "outside\n" {
		t.Fatal("the link's target changed")
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "alice.yaml")
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{".alice.yaml.tmp-1", ".alice.yaml.tmp-2", ".bob.yaml.tmp-3", "alice.yaml", ".alice.yaml.tmp-new"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
		if name != ".alice.yaml.tmp-new" {
			os.Chtimes(filepath.Join(dir, name), old, old)
		}
	}
	if n := RemoveStale(p, 10*time.Minute); n != 2 {
		t.Fatalf("removed %d, want the 2 old temp files of alice.yaml", n)
	}
	if n := RemoveStaleIn(dir, 10*time.Minute); n != 1 {
		t.Fatalf("removed %d, want bob's 1", n)
	}
	if n := RemoveStale(p, 0); n != 1 {
		t.Fatalf("removed %d, want the new one when the caller holds the lock", n)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 || entries[0].Name() != "alice.yaml" {
		t.Fatalf("left %v", entries)
	}
}

// A Writer commits like WriteFile: synced before the rename, the folder
// after; an aborted one leaves the target and no temporary file.
func TestWriterCommitAndAbort(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sources.csv")
	os.WriteFile(p, []byte("old\n"), 0o644)
	var events []string
	sync := func(f *os.File) error {
		fi, _ := f.Stat()
		target, _ := os.ReadFile(p)
		events = append(events, fmt.Sprintf("dir=%v target=%s", fi.IsDir(), target))
		return nil
	}
	w, err := create(p, 0o644, sync)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte("new "))
	w.Write([]byte("content\n"))
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"dir=false target=old\n", "dir=true target=new content\n"}; !slices.Equal(events, want) {
		t.Fatalf("syncs %q, want %q", events, want)
	}
	w, _ = Create(p, 0o644)
	w.Write([]byte("half"))
	w.Abort()
	if b, _ := os.ReadFile(p); string(b) != "new content\n" {
		t.Fatalf("abort changed the target: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Fatalf("%d entries after abort", len(entries))
	}
}
