package filelock

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestAcquireSerialises(t *testing.T) {
	dir := t.TempDir()
	var mu sync.Mutex
	inside, most := 0, 0
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Go(func() {
			l, err := Acquire(dir, "codebook", 5*time.Second, "test")
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			inside++
			most = max(most, inside)
			mu.Unlock()
			time.Sleep(5 * time.Millisecond)
			mu.Lock()
			inside--
			mu.Unlock()
			l.Release()
		})
	}
	wg.Wait()
	if most != 1 {
		t.Errorf("%d holders at once, want 1", most)
	}
}

func TestBusyNamesTheHolder(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, "consensus", time.Second, "mixeval reconcile")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	_, err = Acquire(dir, "consensus", 60*time.Millisecond, "other")
	var busy *BusyError
	if !errors.As(err, &busy) {
		t.Fatalf("err = %v, want a BusyError", err)
	}
	if busy.PID != os.Getpid() || busy.Holder != "mixeval reconcile" {
		t.Errorf("holder %d %q", busy.PID, busy.Holder)
	}
	if !strings.Contains(err.Error(), "pid "+strconv.Itoa(os.Getpid())+": mixeval reconcile") {
		t.Errorf("message %q does not name the holder", err)
	}
}

func TestRefusesSymlink(t *testing.T) {
	dir := t.TempDir()
	target := t.TempDir() + "/elsewhere"
	if err := os.Symlink(target, dir+"/codebook.lock"); err != nil {
		t.Skip(err)
	}
	if _, err := Acquire(dir, "codebook", time.Second, "x"); err == nil || !strings.Contains(err.Error(), "symbolic link") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(target); err == nil {
		t.Error("the link's target was created")
	}
}

// A zero wait is one try: a free lock is taken, a held one is busy at once.
func TestZeroWaitTriesOnce(t *testing.T) {
	dir := t.TempDir()
	l, err := Acquire(dir, "index", 0, "build")
	if err != nil {
		t.Fatalf("a free lock with no wait: %v", err)
	}
	defer l.Release()
	start := time.Now()
	_, err = Acquire(dir, "index", 0, "other")
	var busy *BusyError
	if !errors.As(err, &busy) || time.Since(start) > time.Second {
		t.Fatalf("a held lock with no wait: %v after %v", err, time.Since(start))
	}
}
