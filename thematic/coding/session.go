package coding

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// DefaultCompactBytes is the journal size past which a session folds the
// journal into the YAML file. About 27,000 single actions (150 bytes each):
// with 100,000 segments a fold takes under a second, so it stays rare.
const DefaultCompactBytes = 4 << 20

// ErrClosed is returned by actions on a closed session.
var ErrClosed = errors.New("coding session is closed")

// Options tune a session; the zero value gives the defaults.
type Options struct {
	// CompactBytes is the journal size that triggers a fold into the YAML
	// file (DefaultCompactBytes when 0).
	CompactBytes int64
	// Now gives the time stamped on actions (time.Now when nil).
	Now func() time.Time
	// sync makes the journal durable ((*os.File).Sync when nil); tests
	// replace it to see, or fail, each sync.
	sync func(*os.File) error
	// Documents, when not empty, limits the session to these documents:
	// only their part of the coder file is read (partial.go), so one
	// action on a large file costs milliseconds. Queries see only these
	// documents' segments and reviewed state; a fold still writes the
	// whole coding, read afresh from the file and the journal.
	Documents []string
	// KeepJournal leaves the actions in the journal on Close instead of
	// folding them into the coder file: the journal is the commit, and
	// the next fold (a session closed without KeepJournal, the journal
	// passing CompactBytes, a codebook change) writes them to the file.
	KeepJournal bool
}

// Session is one coder's coding opened for writing. It holds the coder's
// lock until Close. Each action method validates its input, appends one
// journal record, syncs it and only then changes the in-memory state, so an
// action is durable when it returns without error. A Session is safe for use
// by several goroutines.
type Session struct {
	mu       sync.Mutex
	coder    string
	yamlPath string
	st       *state
	j        *journal
	lock     *coderLock
	opt      Options
	closed   bool
	// compactErr is a failed fold, reported by Close; the journal still
	// holds every action, so nothing is lost meanwhile.
	compactErr error
	nextFold   int64
	// hook, when set by tests, is called at named points of a fold.
	hook func(stage string)
	// stamp is the coder file as this session last read or wrote it.
	stamp fileStamp
	// partial is true when st holds only Options.Documents' part; unmap
	// releases the coder file mapped for it.
	partial bool
	unmap   func() error
}

// ChangedOnDiskError is returned by a fold (Compact, Close) that finds the
// coder file replaced by another program since the session read it.
type ChangedOnDiskError struct {
	File, Journal string
}

func (e *ChangedOnDiskError) Error() string {
	return fmt.Sprintf("%s was changed by another program while mixeval had it open (e.g. git pull); mixeval did not overwrite it, and your actions are kept in %s", e.File, e.Journal)
}

// Paths of a coder's files inside a study.
func coderFile(studyDir, coder string) string {
	return study.Layout{Dir: studyDir}.CoderFile(coder)
}
func journalDir(studyDir string) string { return study.Layout{Dir: studyDir}.JournalDir() }
func journalFile(studyDir, coder string) string {
	return filepath.Join(journalDir(studyDir), coder+".log")
}

// Open opens coder's coding in the study at studyDir for writing: it takes
// the coder's lock, loads coding/<coder>.yaml (a missing file is an empty
// coding) and replays the journal left by an earlier session, dropping a
// torn last record from a crash.
func Open(studyDir, coder string) (*Session, error) {
	return OpenWithOptions(studyDir, coder, Options{})
}

// OpenWithOptions is Open with tuning options.
func OpenWithOptions(studyDir, coder string, opt Options) (*Session, error) {
	if !ValidCoder(coder) {
		return nil, fmt.Errorf("coder name %q: use lower-case letters, digits, '-' or '_'", coder)
	}
	if opt.CompactBytes <= 0 {
		opt.CompactBytes = DefaultCompactBytes
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.sync == nil {
		opt.sync = (*os.File).Sync
	}
	if fi, err := os.Stat(studyDir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("open coding: study folder %q not found", studyDir)
	}
	jdir := journalDir(studyDir)
	if err := safefile.MkdirAll(studyDir, jdir); err != nil {
		return nil, fmt.Errorf("open coding: %w", err)
	}
	yamlPath := coderFile(studyDir, coder)
	if err := safefile.RefuseLinksUnder(studyDir, yamlPath); err != nil {
		return nil, fmt.Errorf("open coding: %w", err)
	}
	lock, err := acquireLock(jdir, coder)
	if err != nil {
		return nil, err
	}
	// Holding the lock, no write of the coder file can be under way: any
	// temporary file of it is left by a killed process.
	atomicfile.RemoveStale(yamlPath, 0)
	s := &Session{coder: coder, yamlPath: yamlPath, lock: lock, opt: opt}
	if err := s.load(studyDir); err != nil {
		if s.unmap != nil {
			s.unmap()
		}
		lock.release()
		return nil, err
	}
	s.nextFold = opt.CompactBytes
	return s, nil
}

func (s *Session) load(studyDir string) error {
	var f *File
	var used func(string) bool
	var err error
	if len(s.opt.Documents) > 0 {
		f, used, s.unmap, err = loadPartial(s.yamlPath, journalFile(studyDir, s.coder), s.coder, s.opt.Documents)
		s.partial = true
	} else {
		f, err = loadOrEmpty(s.yamlPath, s.coder)
	}
	if err != nil {
		return err
	}
	path := journalFile(studyDir, s.coder)
	j, recs, err := openJournal(path, s.opt.sync)
	var ce *CorruptJournalError
	if errors.As(err, &ce) {
		// Holding the lock, the journal can be put aside safely; it is
		// kept for the user, and the next Open starts without it.
		to, moveErr := moveAside(path, s.opt.Now())
		if moveErr != nil {
			return errors.Join(err, moveErr)
		}
		ce.MovedTo = to
		return ce
	}
	if err != nil {
		return err
	}
	st := newState(f)
	if err := replay(st, recs, j.path, displayPath(s.yamlPath), true); err != nil {
		j.close()
		return err
	}
	// New ids must not clash with segments the state does not hold.
	// Replay needs no such check: each journaled id was checked against
	// the whole coding when it was chosen.
	st.usedElsewhere = used
	if len(recs) > 0 && recs[len(recs)-1].Seq <= f.Sequence {
		// A crash came between a fold's save and its emptying of the
		// journal: finish the job.
		if err := j.truncate(0); err != nil {
			j.close()
			return err
		}
	}
	s.st, s.j = st, j
	s.stamp = stampOf(s.yamlPath)
	return nil
}

// fileStamp identifies one version of the coder file on disk, to notice
// another program replacing it while a session is open.
type fileStamp struct {
	info os.FileInfo // nil when the file does not exist
}

func stampOf(path string) fileStamp {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}
	}
	return fileStamp{fi}
}

func (a fileStamp) same(b fileStamp) bool {
	if a.info == nil || b.info == nil {
		return a.info == nil && b.info == nil
	}
	return os.SameFile(a.info, b.info) && a.info.Size() == b.info.Size() && a.info.ModTime().Equal(b.info.ModTime())
}

func loadOrEmpty(path, coder string) (*File, error) {
	f, err := Load(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &File{Coder: coder, DocumentMemos: map[string]string{}}, nil
	}
	return f, err
}

// replay applies the records that the YAML file does not include yet.
// Records the file already includes are legitimate only as the whole
// journal, ending exactly at the file's sequence (a crash between a fold's
// two steps); strict makes anything else an error, because it means the
// file was replaced by one that did not come from this journal.
func replay(st *state, recs []record, journalPath, yamlName string, strict bool) error {
	if n := len(recs); strict && n > 0 && recs[0].Seq <= st.seq && recs[n-1].Seq != st.seq {
		return fmt.Errorf("%s holds actions %d to %d, which do not match %s (it includes actions up to %d): was the file replaced (e.g. by git) while mixeval had unsaved actions? Move the journal aside to open the file as it is",
			journalPath, recs[0].Seq, recs[n-1].Seq, yamlName, st.seq)
	}
	for i := range recs {
		r := &recs[i]
		if r.Seq <= st.seq {
			continue // folded into the YAML before a crash emptied the journal
		}
		if r.Seq != st.seq+1 {
			return fmt.Errorf("%s continues at action %d but %s ends at action %d: was the file replaced (e.g. by git) while mixeval had unsaved actions? Move the journal aside to open the file as it is",
				journalPath, r.Seq, yamlName, st.seq)
		}
		st.apply(r)
	}
	return nil
}

// pending counts the records that replay would apply on top of a file that
// includes actions up to seq.
func pending(recs []record, seq uint64) int {
	n := 0
	for i := range recs {
		if recs[i].Seq > seq {
			n++
		}
	}
	return n
}

// Read returns coder's current coding without taking the lock: the YAML
// file plus any actions still in the journal of a running or crashed
// session. A missing coder file reads as an empty coding.
func Read(studyDir, coder string) (*File, error) {
	if !ValidCoder(coder) {
		return nil, fmt.Errorf("coder name %q: use lower-case letters, digits, '-' or '_'", coder)
	}
	var err error
	// A session folding its journal at the same moment can make one read
	// inconsistent; reading the journal before the YAML and retrying makes
	// that harmless.
	for attempt := 0; attempt < 3; attempt++ {
		var recs []record
		recs, err = readJournal(journalFile(studyDir, coder))
		if err != nil {
			continue
		}
		var f *File
		f, err = loadOrEmpty(coderFile(studyDir, coder), coder)
		if err != nil {
			return nil, err
		}
		if pending(recs, f.Sequence) == 0 {
			// Nothing to replay: the file as loaded is the coding, already
			// canonical (Load normalizes), so skip building and flattening
			// the session's indexes, which cost more than the read itself
			// at 300,000 segments.
			if f.Segments == nil {
				f.Segments = []Segment{}
			}
			return f, nil
		}
		st := newState(f)
		if err = replay(st, recs, journalFile(studyDir, coder), displayPath(coderFile(studyDir, coder)), false); err != nil {
			continue
		}
		return st.file(), nil
	}
	return nil, err
}

// Coder returns the session's coder name.
func (s *Session) Coder() string { return s.coder }

// commit makes r durable, then applies it. Callers hold s.mu.
func (s *Session) commit(r *record) error {
	if s.closed {
		return ErrClosed
	}
	r.Seq = s.st.seq + 1
	r.Time = s.opt.Now().Unix()
	if err := s.j.append(r); err != nil {
		return err
	}
	s.st.apply(r)
	if s.j.size >= s.nextFold {
		if err := s.compact(); err != nil {
			// The action is safe in the journal; try again later.
			s.compactErr = err
			s.nextFold = s.j.size + s.opt.CompactBytes
		}
	}
	return nil
}

// compact folds the journal into the YAML file. The order makes a crash at
// any point harmless: the YAML is replaced atomically and records the last
// action it includes, so if the journal is not emptied yet, replay skips
// what the YAML already holds.
func (s *Session) compact() error {
	if s.hook != nil {
		s.hook("fold-start")
	}
	if !stampOf(s.yamlPath).same(s.stamp) {
		return &ChangedOnDiskError{File: displayPath(s.yamlPath), Journal: s.j.path}
	}
	if err := ensureDir(filepath.Dir(s.yamlPath)); err != nil {
		return fmt.Errorf("save coding: %w", err)
	}
	f := s.st.file()
	if s.partial {
		var err error
		if f, err = s.wholeFile(); err != nil {
			return err
		}
	}
	data, err := f.Marshal()
	if err != nil {
		return err
	}
	if err := atomicfile.WriteFile(s.yamlPath, data, 0o644); err != nil {
		return err
	}
	// Lets a later one-shot action read only its part (partial.go).
	_ = recordCanonical(s.j.path, data)
	s.stamp = stampOf(s.yamlPath)
	if s.hook != nil {
		s.hook("fold-saved")
	}
	if err := s.j.truncate(0); err != nil {
		return err
	}
	s.compactErr = nil
	s.nextFold = s.opt.CompactBytes
	return nil
}

// FoldError returns the error of the last fold that failed (nil when the
// last fold succeeded). A failed fold loses nothing, since the journal keeps
// every action, but a user interface should show it: Close will fail the
// same way until the cause (e.g. a ChangedOnDiskError) is dealt with.
func (s *Session) FoldError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.compactErr
}

// Compact folds the journal into coding/<coder>.yaml now.
func (s *Session) Compact() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	err := s.compact()
	if err != nil {
		s.compactErr = err
	}
	return err
}

// Close folds the journal into the YAML file and releases the lock. If the
// fold fails the journal is kept, and the next Open replays it.
func (s *Session) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if (s.j.size > 0 && !s.opt.KeepJournal) || s.compactErr != nil {
		err = s.compact()
	}
	if s.unmap != nil {
		err = errors.Join(err, s.unmap())
		s.unmap = nil
	}
	err = errors.Join(err, s.j.close(), s.lock.release())
	return err
}

// ensureDir creates dir if needed and makes its entry durable, so that a
// file renamed into it after a power cut is not lost with the folder.
func ensureDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return syncDir(filepath.Dir(dir), (*os.File).Sync)
}
