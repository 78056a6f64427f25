package corpus

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// A large CSV export is imported as a stream: read row by row, its
// normalised copy written as it is read, its documents checked and hashed
// one row at a time and never held together, so that memory does not grow
// with the file (a million answers, 300 MB of CSV: docs/PERFORMANCE.md).
// The result is the same as the in-memory import's, byte for byte; the
// stream covers the common case of a UTF-8 file (with or without a byte
// order mark) and leaves every other (UTF-16, Windows-1252, old Mac line
// ends, a file needing a column listing) to the in-memory path.

// streamFrom is the file size from which a CSV import is streamed.
const streamFrom = 32 << 20

// prefixBytes is how much of a file is read ahead to sniff its delimiter.
const prefixBytes = 1 << 20

// csvStream reads a UTF-8 CSV file one row at a time, with the conventions
// of readCSV.
type csvStream struct {
	f       *os.File
	r       *csv.Reader
	skipped int // lines before the CSV proper (an Excel "sep=" line)
	num     int
	table   *Table // header, wording, encoding, delimiter; no rows
	// pending rows were read ahead to recognise a Qualtrics export.
	pending []Row
}

// openCSVStream opens path for streaming, or returns ok false when the file
// is not one the stream reads the same as readCSV would (then the caller
// reads it in memory). exports says whether export conventions apply.
func openCSVStream(path, name string, exports bool) (s *csvStream, ok bool, err error) {
	f, _, err := safefile.Open(path)
	if err != nil {
		return nil, false, err
	}
	defer func() {
		if !ok || err != nil {
			f.Close()
		}
	}()
	bom, plain, err := plainUTF8File(f)
	if err != nil || !plain {
		return nil, false, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, false, err
	}
	br := bufio.NewReaderSize(f, prefixBytes+4096)
	enc := EncUTF8
	if bom {
		br.Discard(3)
		enc = EncUTF8BOM
	}
	prefix, err := br.Peek(prefixBytes)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return nil, false, err
	}
	whole := len(prefix) < prefixBytes
	text := string(prefix)
	if !whole {
		cut := strings.LastIndexByte(text, '\n')
		if cut < 0 || strings.Count(text[:cut], "\n") < 21 {
			return nil, false, nil // rows too long to sniff from the prefix
		}
		text = text[:cut+1]
	}
	text = NormalizeText(text)
	if strings.TrimSpace(text) == "" {
		return nil, false, nil
	}
	s = &csvStream{f: f, table: &Table{Encoding: enc}}
	delim := rune(0)
	if d, _, found := excelSepLine(text); found && exports {
		if _, err := br.ReadString('\n'); err != nil {
			return nil, false, nil
		}
		delim, s.skipped = d, 1
	} else {
		delim = SniffDelimiter(text)
	}
	s.table.Delimiter = delim
	s.r = csv.NewReader(br)
	s.r.Comma = delim
	s.r.FieldsPerRecord = -1
	header, err := s.next()
	if err != nil {
		return nil, false, err
	}
	if header == nil {
		return nil, false, nil
	}
	s.table.Header = header.Cells
	if exports {
		var ahead []Row
		for len(ahead) < 2 {
			r, err := s.row()
			if err != nil {
				return nil, false, err
			}
			if r == nil {
				break
			}
			ahead = append(ahead, *r)
		}
		t := &Table{Header: s.table.Header, Rows: ahead}
		dropQualtricsHeaders(t)
		s.table.Wording, s.pending = t.Wording, t.Rows
	}
	return s, true, nil
}

// plainUTF8File reads f through and reports whether it is UTF-8 (after an
// optional byte order mark) without NUL bytes, lone carriage returns or
// further byte order marks: the files that the stream reads exactly as
// DecodeText and readCSV would.
func plainUTF8File(f *os.File) (bom, ok bool, err error) {
	buf := make([]byte, 1<<20)
	var carry []byte
	var prev byte
	start := true
	for {
		n, rerr := f.Read(buf)
		chunk := append(carry, buf[:n]...)
		if start && len(chunk) >= 3 {
			bom = bytes.HasPrefix(chunk, []byte{0xEF, 0xBB, 0xBF})
		}
		from := 0
		if start && bom {
			from = 3
		}
		if len(chunk) >= 3 {
			start = false
		}
		if bytes.IndexByte(chunk, 0) >= 0 || bytes.Contains(chunk[from:], []byte{0xEF, 0xBB, 0xBF}) {
			return false, false, nil
		}
		for _, c := range chunk[len(carry):] {
			if prev == '\r' && c != '\n' {
				return false, false, nil
			}
			prev = c
		}
		// Keep an incomplete last rune for the next chunk.
		keep := 0
		if !errors.Is(rerr, io.EOF) {
			for k := 1; k <= 3 && k <= len(chunk); k++ {
				if utf8.RuneStart(chunk[len(chunk)-k]) {
					if !utf8.FullRune(chunk[len(chunk)-k:]) {
						keep = k
					}
					break
				}
			}
		}
		if !utf8.Valid(chunk[:len(chunk)-keep]) {
			return false, false, nil
		}
		carry = append([]byte(nil), chunk[len(chunk)-keep:]...)
		if errors.Is(rerr, io.EOF) {
			return bom, prev != '\r', nil
		}
		if rerr != nil {
			return false, false, rerr
		}
	}
}

// next reads one record as a row, cells normalised and trimmed; nil at the
// end.
func (s *csvStream) next() (*Row, error) {
	rec, err := s.r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, &problem.Problem{File: s.name(), Line: pe.StartLine + s.skipped, Row: s.num + 1,
				Msg: fmt.Sprintf("%v (line %d, column %d): check the quotes on this row (a quote inside a quoted cell is written \"\")", pe.Err, pe.Line+s.skipped, pe.Column)}
		}
		return nil, err
	}
	s.num++
	line, _ := s.r.FieldPos(0)
	for i := range rec {
		rec[i] = NormalizeText(rec[i])
	}
	return &Row{Cells: trimCells(rec), Num: s.num, Line: line + s.skipped}, nil
}

// row returns the next data row (blank rows skipped, short rows padded),
// nil at the end.
func (s *csvStream) row() (*Row, error) {
	if len(s.pending) > 0 {
		r := s.pending[0]
		s.pending = s.pending[1:]
		return &r, nil
	}
	for {
		r, err := s.next()
		if err != nil || r == nil {
			return nil, err
		}
		if blank(r.Cells) {
			continue
		}
		if len(r.Cells) > len(s.table.Header) {
			return nil, &problem.Problem{File: s.name(), Line: r.Line, Row: r.Num,
				Msg: fmt.Sprintf("has %d cells but the header names %d columns: is a delimiter (%s) missing from the header or a cell missing its quotes?", len(r.Cells), len(s.table.Header), delimName(s.table.Delimiter))}
		}
		r.Cells = pad(r.Cells, len(s.table.Header))
		return r, nil
	}
}

func (s *csvStream) name() string { return s.f.Name() }

func (s *csvStream) close() error { return s.f.Close() }

// streamImport is Import for a large UTF-8 CSV file. ok is false when the
// file is not one it reads (see the top of this file), or when the import
// needs the whole table (no mapping given: the column listing shows rows).
func streamImport(s *study.Study, opt ImportOptions, prev int) (res *ImportResult, ok bool, err error) {
	in, ok, err := openCSVStream(opt.Path, opt.Path, true)
	if err != nil || !ok {
		return nil, false, err
	}
	defer in.close()
	t := in.table
	normalised, original := importPaths(opt.Path, "csv")
	src, err := mapping(opt, "csv", t, s, prev)
	var need *NeedMappingError
	if errors.As(err, &need) {
		return nil, false, nil
	}
	if err != nil {
		return nil, true, err
	}
	src, kept, dropped := remap(s, prev, src, opt.Replace)
	src.File, src.Original = normalised, original
	if err := checkLabels(s, prev, src); err != nil {
		return nil, true, err
	}
	named := src
	named.File = opt.Path
	b, errs := newDocBuilder(named, t)
	if len(errs) > 0 {
		return nil, true, errs
	}
	// The earlier import's documents, as hashes by id, to list changes.
	var old map[string][32]byte
	if prev >= 0 {
		old, _ = documentHashes(s, s.Manifest.Sources[prev])
	}
	out := io.Writer(io.Discard)
	var w *atomicfile.Writer
	if !opt.DryRun {
		if err := safefile.MkdirAll(s.Dir, s.Path(SourcesDir)); err != nil {
			return nil, true, err
		}
		if w, err = atomicfile.Create(s.Path(normalised), 0o644); err != nil {
			return nil, true, err
		}
		defer func() {
			if err != nil {
				w.Abort()
			}
		}()
		out = w
	}
	bw := bufio.NewWriterSize(out, 1<<20)
	cw := csv.NewWriter(bw)
	if len(t.Header) == 1 && t.Header[0] == "" {
		bw.WriteString("\"\"\n")
	} else if err := cw.Write(t.Header); err != nil {
		return nil, true, err
	}
	res = &ImportResult{Source: src, Encoding: t.Encoding, Delimiter: t.Delimiter, Replaced: prev >= 0,
		Kept: kept, Dropped: dropped, DryRun: opt.DryRun}
	sizes := named
	var sizeErrs problem.List
	var docs []Document
	var changed []string
	for {
		r, err := in.row()
		if err != nil {
			return nil, true, err
		}
		if r == nil {
			break
		}
		res.Respondents++
		if err := cw.Write(r.Cells); err != nil {
			return nil, true, err
		}
		one := &Table{Header: t.Header, Rows: []Row{*r}}
		sizeErrs = append(sizeErrs, checkAnswerSizes(sizes, one, opt.MaxAnswerBytes)...)
		docs = b.row(*r, docs[:0])
		for _, d := range docs {
			res.Count++
			if d.Text == "" {
				res.Empty++
			}
			if old == nil {
				continue
			}
			if h, ok := old[d.ID]; ok {
				var sum [32]byte
				hex.Decode(sum[:], []byte(d.Hash))
				if sum != h {
					changed = append(changed, d.ID)
				}
				delete(old, d.ID)
			}
		}
	}
	if res.Respondents == 0 {
		return nil, true, fmt.Errorf("%s has a header row but no answers: nothing to import", opt.Path)
	}
	if len(b.errs) > 0 {
		return nil, true, b.errs
	}
	if len(sizeErrs) > 0 {
		return nil, true, sizeErrs
	}
	for id := range old {
		changed = append(changed, id) // gone from the new file
	}
	sort.Strings(changed)
	res.Changed = changed
	cw.Flush()
	if err := cw.Error(); err != nil {
		return nil, true, err
	}
	if err := bw.Flush(); err != nil {
		return nil, true, err
	}
	original, err = freeOriginal(s, opt.Path, "csv", original)
	if err != nil {
		return nil, true, err
	}
	src.Original = original
	res.Source = src
	if prev >= 0 {
		if o := s.Manifest.Sources[prev].Original; o != "" && o != original {
			res.OldOriginal = o
		}
	}
	manifest, err := manifestWithSource(s, prev, src)
	if err != nil {
		return nil, true, err
	}
	if opt.DryRun {
		return res, true, nil
	}
	if err := streamCopy(opt.Path, s.Path(original)); err != nil {
		return nil, true, fmt.Errorf("keep the original in %s: %w", original, err)
	}
	if err := w.Commit(); err != nil {
		return nil, true, err
	}
	if err := atomicfile.WriteFile(s.ManifestPath(), manifest, 0o644); err != nil {
		return nil, true, err
	}
	return res, true, nil
}

// documentHashes streams a source's normalised copy and returns each
// document's text hash by id.
func documentHashes(s *study.Study, src study.Source) (map[string][32]byte, error) {
	in, ok, err := openCSVStream(s.Path(src.File), src.File, false)
	if err != nil {
		return nil, err
	}
	if !ok {
		t, err := readNormalised(s, src)
		if err != nil {
			return nil, err
		}
		docs, errs := BuildDocuments(src, t)
		if len(errs) > 0 {
			return nil, errs
		}
		return hashesOf(docs), nil
	}
	defer in.close()
	b, errs := newDocBuilder(src, in.table)
	if len(errs) > 0 {
		return nil, errs
	}
	hashes := map[string][32]byte{}
	var docs []Document
	for {
		r, err := in.row()
		if err != nil {
			return nil, err
		}
		if r == nil {
			break
		}
		docs = b.row(*r, docs[:0])
		for k, v := range hashesOf(docs) {
			hashes[k] = v
		}
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return hashes, nil
}

func hashesOf(docs []Document) map[string][32]byte {
	m := make(map[string][32]byte, len(docs))
	for _, d := range docs {
		var sum [32]byte
		hex.Decode(sum[:], []byte(d.Hash))
		m[d.ID] = sum
	}
	return m
}

// streamCopy copies the file from to to, atomically and without holding
// it in memory; copying a file onto itself does nothing.
func streamCopy(from, to string) error {
	if abs(from) == abs(to) {
		return nil
	}
	f, _, err := safefile.Open(from)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := atomicfile.Create(to, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(w, f); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// streamDocuments appends the documents of a source's normalised copy to
// docs, reading it row by row so that neither the file nor its table is
// held beside the documents; a file the stream does not read is read in
// memory, as LoadDocuments reads it.
func streamDocuments(s *study.Study, src study.Source, docs []Document) ([]Document, error) {
	in, ok, err := openCSVStream(s.Path(src.File), src.File, false)
	if err != nil {
		return nil, err
	}
	if !ok {
		t, err := readNormalised(s, src)
		if err != nil {
			return nil, err
		}
		d, errs := BuildDocuments(src, t)
		if len(errs) > 0 {
			return nil, errs
		}
		return append(docs, d...), nil
	}
	defer in.close()
	b, errs := newDocBuilder(src, in.table)
	if len(errs) > 0 {
		return nil, errs
	}
	for {
		r, err := in.row()
		if err != nil {
			return nil, err
		}
		if r == nil {
			break
		}
		docs = b.row(*r, docs)
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return docs, nil
}

// fileCRC is the CRC-32C of the file at path, read as a stream.
func fileCRC(path string) (uint32, error) {
	f, _, err := safefile.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	h := crc32.New(crc32c)
	if _, err := io.Copy(h, f); err != nil {
		return 0, err
	}
	return h.Sum32(), nil
}
