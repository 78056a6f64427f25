package coding

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/mixeval/mixeval/internal/safefile"
)

// The journal is a sequence of self-checking records, one per confirmed
// action, appended and synced before the action returns:
//
//	magic "mxj1" | payload length (uint32 LE) | CRC-32C of payload (uint32 LE) | payload (JSON)
//
// A crash can only tear the record being written, which is the last one:
// replay drops a bad tail. A bad record followed by a good one cannot come
// from a crash (records are synced one at a time), so it is reported as
// corruption instead of being skipped silently.

var (
	journalMagic = []byte("mxj1")
	crcTable     = crc32.MakeTable(crc32.Castagnoli)
)

const (
	headerLen = 12
	// maxRecord bounds one record (a batch of 10,000 segments is about 2 MB).
	maxRecord = 1 << 28
)

// Operation names in journal records.
const (
	opCode     = "code"
	opUncode   = "uncode"
	opMemo     = "memo"
	opDocMemo  = "docmemo"
	opSegMemo  = "segmemo"
	opReview   = "review"
	opUnreview = "unreview"
	opRecode   = "recode"
	opSetCodes = "setcodes"
	opAdjust   = "adjust"
	opRestore  = "restore"
	opSetMany  = "setmany"
	opRead     = "read"
	opUnread   = "unread"
)

// record is one action, with everything that varies (ids, time) already
// decided, so that replay reproduces exactly what the user saw.
type record struct {
	Seq   uint64            `json:"seq"`
	Op    string            `json:"op"`
	Time  int64             `json:"t"` // Unix seconds, UTC
	Segs  []recordSegment   `json:"segs,omitempty"`
	ID    string            `json:"id,omitempty"`
	Doc   string            `json:"doc,omitempty"`
	Docs  []string          `json:"docs,omitempty"`
	Codes []string          `json:"codes,omitempty"`
	Text  string            `json:"text,omitempty"`
	Map   map[string]string `json:"map,omitempty"`
}

type recordSegment struct {
	ID    string   `json:"id"`
	Doc   string   `json:"doc"`
	Start int      `json:"s"`
	End   int      `json:"e"`
	Codes []string `json:"codes"`
	Memo  string   `json:"memo,omitempty"`
	Hash  string   `json:"hash,omitempty"`
	// Created is kept by a restore (Unix seconds), so an undone removal
	// brings the segment back as it was.
	Created int64 `json:"c,omitempty"`
}

func encodeRecord(buf *bytes.Buffer, r *record) error {
	buf.Reset()
	buf.Write(make([]byte, headerLen))
	if err := json.NewEncoder(buf).Encode(r); err != nil {
		return err
	}
	b := buf.Bytes()
	n := len(b) - headerLen
	if n > maxRecord {
		return fmt.Errorf("action too large for one journal record (%d bytes); split the batch", n)
	}
	copy(b, journalMagic)
	binary.LittleEndian.PutUint32(b[4:], uint32(n))
	binary.LittleEndian.PutUint32(b[8:], crc32.Checksum(b[headerLen:], crcTable))
	return nil
}

// decodeAt reads the record at data[off:]; ok is false when the bytes there
// are not one whole, intact record.
func decodeAt(data []byte, off int) (r record, next int, ok bool) {
	if len(data)-off < headerLen || !bytes.Equal(data[off:off+4], journalMagic) {
		return r, 0, false
	}
	n := int(binary.LittleEndian.Uint32(data[off+4:]))
	sum := binary.LittleEndian.Uint32(data[off+8:])
	end := off + headerLen + n
	if n == 0 || n > maxRecord || end > len(data) {
		return r, 0, false
	}
	payload := data[off+headerLen : end]
	if crc32.Checksum(payload, crcTable) != sum {
		return r, 0, false
	}
	if err := json.Unmarshal(payload, &r); err != nil || r.Seq == 0 || !r.valid() {
		return r, 0, false
	}
	return r, end, true
}

// valid reports whether r is an action the session could have written:
// replaying it keeps the coding savable.
func (r *record) valid() bool {
	text := []string{r.ID, r.Doc, r.Text}
	text = append(text, r.Docs...)
	text = append(text, r.Codes...)
	for _, t := range text {
		if !utf8.ValidString(t) {
			return false
		}
	}
	switch r.Op {
	case opCode, opRestore:
		if r.Op == opRestore && slices.ContainsFunc(r.Segs, func(s recordSegment) bool { return s.ID == "" }) {
			return false
		}
		for _, s := range r.Segs {
			if s.Doc == "" || s.Start < 0 || s.End <= s.Start || len(s.Codes) == 0 ||
				!utf8.ValidString(s.Doc) || !utf8.ValidString(s.Memo) || !utf8.ValidString(s.ID) || !isHex(s.Hash) && s.Hash != "" {
				return false
			}
			for _, c := range s.Codes {
				if checkCode(c) != nil {
					return false
				}
			}
		}
	case opReview, opUnreview, opRead, opUnread:
		return !slices.Contains(r.Docs, "")
	case opDocMemo:
		return r.Doc != ""
	case opRecode:
		for from, to := range r.Map {
			if checkCode(from) != nil || checkCode(to) != nil {
				return false
			}
		}
	case opSetCodes:
		if r.ID == "" || len(r.Codes) == 0 || slices.ContainsFunc(r.Codes, func(c string) bool { return checkCode(c) != nil }) {
			return false
		}
	case opSetMany:
		for _, s := range r.Segs {
			if s.ID == "" || !utf8.ValidString(s.ID) || slices.ContainsFunc(s.Codes, func(c string) bool { return checkCode(c) != nil }) {
				return false
			}
		}
	case opAdjust:
		if r.ID == "" || len(r.Segs) != 1 || r.Segs[0].Start < 0 || r.Segs[0].End <= r.Segs[0].Start || !isHex(r.Segs[0].Hash) && r.Segs[0].Hash != "" {
			return false
		}
	case opUncode, opMemo, opSegMemo:
	default:
		return false
	}
	return true
}

// CorruptJournalError reports damage that a crash cannot explain. A session
// opening the journal moves it aside (MovedTo) and stops; nothing in it is
// deleted.
type CorruptJournalError struct {
	Path   string
	Offset int
	Msg    string
	// MovedTo is where the damaged journal was put aside, "" when it was
	// left in place (a read without the coder's lock).
	MovedTo string
}

func (e *CorruptJournalError) Error() string {
	if e.MovedTo != "" {
		return fmt.Sprintf("%s: damaged at byte %d: %s. mixeval moved it to %s, where it is kept for you to inspect; the coding opens without the actions it held from the next time on", e.Path, e.Offset, e.Msg, e.MovedTo)
	}
	return fmt.Sprintf("%s: damaged at byte %d: %s; it is moved aside, and kept, the next time the coding is opened for writing", e.Path, e.Offset, e.Msg)
}

// scanJournal decodes every record of data. It returns the records and the
// length of the intact prefix; bytes after it are a torn last write. Only
// what a crash can leave is taken for a torn write (tornTail); anything
// else is damage.
func scanJournal(path string, data []byte) ([]record, int, error) {
	var recs []record
	off := 0
	for off < len(data) {
		r, next, ok := decodeAt(data, off)
		if !ok {
			if later := findRecord(data, off+1); later >= 0 {
				return nil, 0, &CorruptJournalError{Path: path, Offset: off, Msg: fmt.Sprintf("a bad record is followed by a good one at byte %d", later)}
			}
			if !tornTail(data[off:]) {
				return nil, 0, &CorruptJournalError{Path: path, Offset: off, Msg: "what follows is not a record cut short by a crash (a whole record with a wrong checksum, or bytes that are not records)"}
			}
			break
		}
		if len(recs) > 0 && r.Seq != recs[len(recs)-1].Seq+1 {
			return nil, 0, &CorruptJournalError{Path: path, Offset: off, Msg: fmt.Sprintf("record %d follows record %d", r.Seq, recs[len(recs)-1].Seq)}
		}
		recs = append(recs, r)
		off = next
	}
	return recs, off, nil
}

// tornTail reports whether b can be what a crash leaves of the last record:
// the start of a record (part of its header, or a whole header announcing
// more bytes than follow), or zeros, which some file systems show for
// blocks that a power cut kept from the disk. A whole record with a wrong
// checksum cannot come from a crash, since a record is written in one call
// and synced before the next.
func tornTail(b []byte) bool {
	if !bytes.ContainsFunc(b, func(r rune) bool { return r != 0 }) {
		return true
	}
	if len(b) < headerLen {
		k := min(len(b), len(journalMagic))
		return bytes.Equal(b[:k], journalMagic[:k])
	}
	if !bytes.Equal(b[:len(journalMagic)], journalMagic) {
		return false
	}
	n := int(binary.LittleEndian.Uint32(b[4:]))
	return n > 0 && n <= maxRecord && headerLen+n > len(b)
}

// findRecord returns the offset of the first intact record at or after
// from, or -1.
func findRecord(data []byte, from int) int {
	for from < len(data) {
		i := bytes.Index(data[from:], journalMagic)
		if i < 0 {
			return -1
		}
		if _, _, ok := decodeAt(data, from+i); ok {
			return from + i
		}
		from += i + 1
	}
	return -1
}

// journal is an open, writable journal file.
type journal struct {
	path string
	f    *os.File
	size int64
	buf  bytes.Buffer
	// sync makes the file durable ((*os.File).Sync); tests replace it to
	// see, or fail, each sync.
	sync func(*os.File) error
}

// openJournal opens (creating if needed) the journal at path, returns its
// intact records and cuts off a torn tail so new records follow good ones.
func openJournal(path string, sync func(*os.File) error) (*journal, []record, error) {
	f, err := safefile.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("open journal: %w", err)
	}
	j := &journal{path: path, f: f, sync: sync}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read journal: %w", err)
	}
	recs, good, err := scanJournal(path, data)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if good < len(data) {
		if err := j.truncate(int64(good)); err != nil {
			f.Close()
			return nil, nil, err
		}
	}
	j.size = int64(good)
	// Make the file's directory entry durable once, so that synced
	// records cannot vanish with a newly created file.
	if err := syncDir(filepath.Dir(path), sync); err != nil {
		f.Close()
		return nil, nil, err
	}
	return j, recs, nil
}

// readJournal returns the intact records of the journal at path without
// changing it; a missing journal has none.
func readJournal(path string) ([]record, error) {
	f, err := safefile.OpenFile(path, os.O_RDONLY, 0)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	data, err := io.ReadAll(f)
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("read journal: %w", err)
	}
	recs, _, err := scanJournal(path, data)
	return recs, err
}

// append writes r and syncs it. On failure it cuts the file back, so a
// half-written record never sits in front of later ones.
func (j *journal) append(r *record) error {
	if err := encodeRecord(&j.buf, r); err != nil {
		return err
	}
	b := j.buf.Bytes()
	if _, err := j.f.WriteAt(b, j.size); err != nil {
		return j.undo(err)
	}
	if err := j.sync(j.f); err != nil {
		return j.undo(err)
	}
	j.size += int64(len(b))
	return nil
}

func (j *journal) undo(cause error) error {
	if err := j.truncate(j.size); err != nil {
		return fmt.Errorf("write journal %s: %w (and cutting back the partial record failed: %v)", j.path, cause, err)
	}
	return fmt.Errorf("write journal %s: %w", j.path, cause)
}

func (j *journal) truncate(n int64) error {
	if err := j.f.Truncate(n); err != nil {
		return fmt.Errorf("truncate journal %s: %w", j.path, err)
	}
	if err := j.sync(j.f); err != nil {
		return fmt.Errorf("sync journal %s: %w", j.path, err)
	}
	j.size = n
	return nil
}

func (j *journal) close() error { return j.f.Close() }

func syncDir(dir string, sync func(*os.File) error) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	_ = sync(d) // some file systems refuse fsync on a directory
	return nil
}

// moveAside renames a damaged journal to <name>.damaged-<time>, never over
// an earlier one, and returns the new path.
func moveAside(path string, now time.Time) (string, error) {
	base := path + ".damaged-" + now.UTC().Format("20060102T150405Z")
	to := base
	for k := 2; ; k++ {
		if _, err := os.Lstat(to); errors.Is(err, fs.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s-%d", base, k)
	}
	if err := os.Rename(path, to); err != nil {
		return "", fmt.Errorf("move the damaged journal aside: %w", err)
	}
	return to, nil
}
