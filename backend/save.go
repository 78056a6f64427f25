package backend

import (
	"errors"
	"os"

	"github.com/mixeval/mixeval/thematic/coding"
)

// SaveResult says what Save did.
type SaveResult struct {
	// Folded lists the coders whose journal was folded into their file.
	Folded []string
	// Busy lists the coders whose coding another mixeval holds open (a
	// terminal UI): their file is folded when that session closes.
	Busy []BusyCoder
}

// BusyCoder is a coder whose coding another process holds open.
type BusyCoder struct {
	Coder string
	PID   int // 0 when unknown
}

// Save folds every coder's journal into coding/<coder>.yaml, so that the
// files hold every confirmed action, as a git commit should see them.
// Coding actions are durable once journaled; one-shot actions leave the
// fold for later (CoderOptions.KeepJournal), so commit after a Save. A
// coding this process holds open is folded through its session.
func (b *Study) Save() (*SaveResult, error) {
	coders, err := b.Coders()
	if err != nil {
		return nil, err
	}
	res := &SaveResult{}
	for _, c := range coders {
		b.mu.Lock()
		mine := b.coders[c]
		b.mu.Unlock()
		if mine != nil {
			if err := mine.Save(); err != nil {
				return res, err
			}
			res.Folded = append(res.Folded, c)
			continue
		}
		if fi, err := os.Stat(b.layout.Journal(c)); err != nil || fi.Size() == 0 {
			continue // nothing to fold
		}
		s, err := coding.Open(b.layout.Dir, c)
		var locked *coding.LockedError
		if errors.As(err, &locked) {
			res.Busy = append(res.Busy, BusyCoder{Coder: c, PID: locked.PID})
			continue
		}
		if err != nil {
			return res, err
		}
		if err := s.Close(); err != nil {
			return res, err
		}
		res.Folded = append(res.Folded, c)
	}
	return res, nil
}
