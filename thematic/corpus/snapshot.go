package corpus

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"sync"
	"time"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/mmapfile"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// The documents snapshot (study.Layout.DocumentsSnapshot) is a compact
// binary copy of the study's documents, derived from the sources and
// rebuilt when they change, like the search index. Reading the sources
// means parsing CSV and hashing every answer; the snapshot is mapped into
// memory instead, and a command reads only the documents it shows
// (docs/PERFORMANCE.md). Layout, little-endian:
//
//	magic "MXDOCS01"
//	header: key (string), stamp (32 bytes), n, attribute names, source
//	        files, attribute values (counts then length-prefixed strings),
//	        then the lengths of the id, meta and text blobs (uvarints)
//	idEnd   n × uint32   end of each id in the id blob
//	metaEnd n × uint32   end of each document's meta record
//	textEnd n × uint64   end of each text in the text blob
//	hashes  n × 32 bytes SHA-256 of each text
//	ids, meta, text blobs
//
// A meta record is: respondent length, source index, attribute count, then
// (name index, value index) pairs, all uvarints.
//
// The key says which sources the snapshot was built from: the manifest's
// source entries, and each normalised file's size, modification time and
// CRC-32C. A snapshot whose sizes and times match is fresh without reading
// the sources; a source modified within racyWindow of the build is checked
// by its CRC as well, since a coarse clock can hide a change made just
// after it was read (git's "racily clean" entries).
const snapshotMagic = "MXDOCS01"

// racyWindow covers file systems whose modification times are coarse
// (2 s on FAT).
const racyWindow = 2 * time.Second

var crc32c = crc32.MakeTable(crc32.Castagnoli)

// errSnapshot is a snapshot file that is not one this version wrote; it is
// rebuilt.
var errSnapshot = errors.New("documents snapshot: damaged or of another version")

// Snapshot is the study's documents read from the snapshot file. Each
// document is decoded when asked for; strings are copies, so they stay
// valid after Close.
type Snapshot struct {
	data    []byte
	release func() error

	n       int
	stamp   [32]byte
	attrs   []string
	sources []string
	values  []string
	idEnd   []byte
	metaEnd []byte
	textEnd []byte
	hashes  []byte
	ids     []byte
	meta    []byte
	text    []byte

	mu       sync.Mutex
	attrMaps map[string]map[string]string
}

// OpenSnapshot returns the documents of st from the snapshot at path,
// rebuilding it from the sources first when it is missing, stale or
// damaged. When the snapshot cannot be written (a read-only folder), the
// documents are served from memory.
func OpenSnapshot(st *study.Study, path string) (*Snapshot, error) {
	cfg := sourcesConfig(st)
	if s, err := mapSnapshot(path); err == nil {
		if s.fresh(st, cfg) {
			return s, nil
		}
		s.Close()
	}
	return buildSnapshot(st, path, cfg)
}

// sourceStat is what the key records of one normalised source file.
type sourceStat struct {
	size, mtime int64
	crc         uint32
}

// sourcesConfig encodes what BuildDocuments reads from the manifest.
func sourcesConfig(st *study.Study) []byte {
	var b []byte
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendUvarint(b, uint64(len(st.Manifest.Sources)))
	for _, src := range st.Manifest.Sources {
		str(src.File)
		str(src.ID)
		b = binary.AppendUvarint(b, uint64(len(src.Questions)))
		for _, q := range src.Questions {
			str(q.Column)
			str(q.Label)
		}
		b = binary.AppendUvarint(b, uint64(len(src.Attributes)))
		for _, a := range src.Attributes {
			str(a)
		}
	}
	return b
}

func encodeKey(cfg []byte, built time.Time, stats []sourceStat) []byte {
	b := binary.AppendUvarint(nil, uint64(len(cfg)))
	b = append(b, cfg...)
	b = binary.AppendVarint(b, built.UnixNano())
	b = binary.AppendUvarint(b, uint64(len(stats)))
	for _, s := range stats {
		b = binary.AppendVarint(b, s.size)
		b = binary.AppendVarint(b, s.mtime)
		b = binary.LittleEndian.AppendUint32(b, s.crc)
	}
	return b
}

// fresh reports whether the snapshot was built from st's sources as they
// are now.
func (s *Snapshot) fresh(st *study.Study, cfg []byte) bool {
	r := reader{b: s.key()}
	if !bytes.Equal(r.bytes(), cfg) {
		return false
	}
	built := time.Unix(0, r.varint())
	if r.uvarint() != uint64(len(st.Manifest.Sources)) || r.err != nil {
		return false
	}
	for _, src := range st.Manifest.Sources {
		size, mtime := r.varint(), r.varint()
		crc := r.uint32()
		if r.err != nil {
			return false
		}
		fi, err := os.Stat(st.Path(src.File))
		if err != nil || fi.Size() != size || fi.ModTime().UnixNano() != mtime {
			return false
		}
		if built.Sub(fi.ModTime()) < racyWindow {
			b, err := safefile.ReadFile(st.Path(src.File), 0)
			if err != nil || crc32.Checksum(b, crc32c) != crc {
				return false
			}
		}
	}
	return r.err == nil && len(r.b) == 0
}

// key returns the snapshot's key bytes (the header's first field).
func (s *Snapshot) key() []byte {
	r := reader{b: s.data[len(snapshotMagic):]}
	return r.bytes()
}

// buildSnapshot reads the sources, writes the snapshot and maps it.
func buildSnapshot(st *study.Study, path string, cfg []byte) (*Snapshot, error) {
	docs, stats, err := loadSources(st)
	if err != nil {
		return nil, err
	}
	head := encodeSnapshotHead(docs, encodeKey(cfg, time.Now(), stats))
	if err := writeSnapshot(path, head, docs); err == nil {
		if s, err := mapSnapshot(path); err == nil {
			// The documents read to build it are garbage now: give their
			// memory back before the caller's own work (an index build)
			// rather than keep it as the process's peak.
			docs, head = nil, nil
			debug.FreeOSMemory()
			return s, nil
		}
	}
	return parseSnapshot(appendTexts(head, docs), nil)
}

// writeSnapshot writes the snapshot file atomically, the texts streamed
// after the head: the file is never held whole in memory beside the
// documents (at a million answers that was some 350 MB more).
func writeSnapshot(path string, head []byte, docs []Document) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	w, err := atomicfile.Create(path, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	bw.Write(head)
	for i := range docs {
		bw.WriteString(docs[i].Text)
	}
	if err := bw.Flush(); err != nil {
		w.Abort()
		return err
	}
	return w.Commit()
}

// loadSources reads every source as LoadDocuments does, with the stat and
// checksum of each file as read.
func loadSources(s *study.Study) ([]Document, []sourceStat, error) {
	var docs []Document
	var stats []sourceStat
	for _, src := range s.Manifest.Sources {
		path := s.Path(src.File)
		fi, err := os.Stat(path)
		if err != nil {
			return nil, nil, fmt.Errorf("source %s: %w (import the original file again)", src.File, err)
		}
		crc, err := fileCRC(path)
		if err != nil {
			return nil, nil, fmt.Errorf("source %s: %w (import the original file again)", src.File, err)
		}
		stats = append(stats, sourceStat{size: fi.Size(), mtime: fi.ModTime().UnixNano(), crc: crc})
		if docs, err = streamDocuments(s, src, docs); err != nil {
			return nil, nil, err
		}
	}
	sortDocuments(docs)
	if err := checkUniqueIDs(docs); err != nil {
		return nil, nil, err
	}
	return docs, stats, nil
}

// encodeSnapshot lays docs out as the snapshot file.
func encodeSnapshot(docs []Document, key []byte) []byte {
	return appendTexts(encodeSnapshotHead(docs, key), docs)
}

// appendTexts appends the documents' texts, in order, to the head.
func appendTexts(head []byte, docs []Document) []byte {
	size := len(head)
	for i := range docs {
		size += len(docs[i].Text)
	}
	out := make([]byte, len(head), size)
	copy(out, head)
	for i := range docs {
		out = append(out, docs[i].Text...)
	}
	return out
}

// encodeSnapshotHead lays out everything of the snapshot file but the
// texts, which follow it in document order.
func encodeSnapshotHead(docs []Document, key []byte) []byte {
	var attrs, sources, values []string
	attrIx, sourceIx, valueIx := map[string]int{}, map[string]int{}, map[string]int{}
	intern := func(list *[]string, ix map[string]int, v string) int {
		i, ok := ix[v]
		if !ok {
			i = len(*list)
			ix[v] = i
			*list = append(*list, v)
		}
		return i
	}
	for _, name := range attributeNames(docs) {
		intern(&attrs, attrIx, name)
	}
	n := len(docs)
	idEnd := make([]byte, 0, 4*n)
	metaEnd := make([]byte, 0, 4*n)
	textEnd := make([]byte, 0, 8*n)
	hashes := make([]byte, 0, 32*n)
	var ids, meta []byte
	var textLen uint64
	var names []string
	st := newStamper(n)
	for i := range docs {
		d := &docs[i]
		st.add(d)
		ids = append(ids, d.ID...)
		idEnd = binary.LittleEndian.AppendUint32(idEnd, uint32(len(ids)))
		meta = binary.AppendUvarint(meta, uint64(len(d.Respondent)))
		meta = binary.AppendUvarint(meta, uint64(intern(&sources, sourceIx, d.Source)))
		names = names[:0]
		for k := range d.Attributes {
			names = append(names, k)
		}
		sort.Strings(names)
		meta = binary.AppendUvarint(meta, uint64(len(names)))
		for _, k := range names {
			meta = binary.AppendUvarint(meta, uint64(attrIx[k]))
			meta = binary.AppendUvarint(meta, uint64(intern(&values, valueIx, d.Attributes[k])))
		}
		metaEnd = binary.LittleEndian.AppendUint32(metaEnd, uint32(len(meta)))
		textLen += uint64(len(d.Text))
		textEnd = binary.LittleEndian.AppendUint64(textEnd, textLen)
		hashes = append(hashes, rawHash(d)...)
	}
	stamp := st.sum()

	out := []byte(snapshotMagic)
	str := func(s []byte) {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	strs := func(list []string) {
		out = binary.AppendUvarint(out, uint64(len(list)))
		for _, s := range list {
			str([]byte(s))
		}
	}
	str(key)
	out = append(out, stamp[:]...)
	out = binary.AppendUvarint(out, uint64(n))
	strs(attrs)
	strs(sources)
	strs(values)
	out = binary.AppendUvarint(out, uint64(len(ids)))
	out = binary.AppendUvarint(out, uint64(len(meta)))
	out = binary.AppendUvarint(out, textLen)
	out = append(out, idEnd...)
	out = append(out, metaEnd...)
	out = append(out, textEnd...)
	out = append(out, hashes...)
	out = append(out, ids...)
	out = append(out, meta...)
	return out
}

// rawHash is the document's text hash as 32 bytes.
func rawHash(d *Document) []byte {
	var raw [32]byte
	if len(d.Hash) == 64 {
		if _, err := hexDecode(raw[:], d.Hash); err == nil {
			return raw[:]
		}
	}
	h := HashText(d.Text)
	hexDecode(raw[:], h)
	return raw[:]
}

// mapSnapshot maps the file at path and checks its layout.
func mapSnapshot(path string) (*Snapshot, error) {
	data, release, err := mmapfile.Map(path)
	if err != nil {
		return nil, err
	}
	s, err := parseSnapshot(data, release)
	if err != nil {
		if release != nil {
			release()
		}
		return nil, err
	}
	return s, nil
}

// parseSnapshot checks data's layout: every offset in bounds and in order,
// so that reading a document never goes out of range.
func parseSnapshot(data []byte, release func() error) (*Snapshot, error) {
	if !bytes.HasPrefix(data, []byte(snapshotMagic)) {
		return nil, errSnapshot
	}
	r := reader{b: data[len(snapshotMagic):]}
	s := &Snapshot{data: data, release: release, attrMaps: map[string]map[string]string{}}
	r.bytes() // key
	copy(s.stamp[:], r.take(32))
	n := r.uvarint()
	s.attrs, s.sources, s.values = r.strings(), r.strings(), r.strings()
	idLen, metaLen, textLen := r.uvarint(), r.uvarint(), r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		return nil, errSnapshot
	}
	s.n = int(n)
	s.idEnd, s.metaEnd, s.textEnd, s.hashes = r.take(4*n), r.take(4*n), r.take(8*n), r.take(32*n)
	s.ids, s.meta, s.text = r.take(idLen), r.take(metaLen), r.take(textLen)
	if r.err != nil || len(r.b) != 0 {
		return nil, errSnapshot
	}
	var id, meta, text uint64
	for i := range s.n {
		ie := uint64(binary.LittleEndian.Uint32(s.idEnd[4*i:]))
		me := uint64(binary.LittleEndian.Uint32(s.metaEnd[4*i:]))
		te := binary.LittleEndian.Uint64(s.textEnd[8*i:])
		if ie < id || me < meta || te < text {
			return nil, errSnapshot
		}
		id, meta, text = ie, me, te
	}
	if id != idLen || meta != metaLen || text != textLen {
		return nil, errSnapshot
	}
	return s, nil
}

// Close releases the mapped file. Documents already returned stay valid.
func (s *Snapshot) Close() error {
	if s.release == nil {
		return nil
	}
	err := s.release()
	s.release, s.data = nil, nil
	return err
}

// Len is the number of documents.
func (s *Snapshot) Len() int { return s.n }

// Stamp is the documents' Stamp.
func (s *Snapshot) Stamp() [32]byte { return s.stamp }

// Attributes are the attribute names documents use, sorted.
func (s *Snapshot) Attributes() []string { return s.attrs }

func (s *Snapshot) span(ends []byte, width, i int) (from, to uint64) {
	get := func(k int) uint64 {
		if width == 4 {
			return uint64(binary.LittleEndian.Uint32(ends[4*k:]))
		}
		return binary.LittleEndian.Uint64(ends[8*k:])
	}
	if i > 0 {
		from = get(i - 1)
	}
	return from, get(i)
}

func (s *Snapshot) idBytes(i int) []byte {
	from, to := s.span(s.idEnd, 4, i)
	return s.ids[from:to]
}

// ID is document i's id.
func (s *Snapshot) ID(i int) string { return string(s.idBytes(i)) }

// Find gives the position of the document with id (documents are sorted
// by id).
func (s *Snapshot) Find(id string) (int, bool) {
	i := sort.Search(s.n, func(i int) bool { return string(s.idBytes(i)) >= id })
	return i, i < s.n && string(s.idBytes(i)) == id
}

// Document is document i, whole.
func (s *Snapshot) Document(i int) Document {
	d := s.Info(i)
	from, to := s.span(s.textEnd, 8, i)
	d.Text = string(s.text[from:to])
	return d
}

// Info is document i without its text.
func (s *Snapshot) Info(i int) Document {
	id := s.ID(i)
	d := Document{ID: id, Hash: hexHash(s.hashes[32*i : 32*i+32])}
	s.fillMeta(&d, i)
	return d
}

// fillMeta decodes document i's meta record into d. A record that does not
// decode (damage the layout check cannot see) leaves the fields empty.
func (s *Snapshot) fillMeta(d *Document, i int) {
	from, to := s.span(s.metaEnd, 4, i)
	rec := s.meta[from:to]
	r := reader{b: rec}
	resp := r.uvarint()
	src := r.uvarint()
	if r.err != nil || resp >= uint64(len(d.ID)) || src >= uint64(len(s.sources)) {
		return
	}
	d.Respondent, d.Question = d.ID[:resp], d.ID[resp+1:]
	d.Source = s.sources[src]
	d.Attributes = s.attributes(r.b)
}

// attributes decodes (name, value) pairs, sharing one map between the
// documents with the same attributes, as BuildDocuments shares one map
// between a respondent's answers.
func (s *Snapshot) attributes(rec []byte) map[string]string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if m, ok := s.attrMaps[string(rec)]; ok {
		return m
	}
	r := reader{b: rec}
	k := r.uvarint()
	if r.err != nil || k == 0 || k > uint64(len(rec)) {
		return nil
	}
	m := make(map[string]string, k)
	for range k {
		name, value := r.uvarint(), r.uvarint()
		if r.err != nil || name >= uint64(len(s.attrs)) || value >= uint64(len(s.values)) {
			return nil
		}
		m[s.attrs[name]] = s.values[value]
	}
	s.attrMaps[string(rec)] = m
	return m
}

// All returns every document. Ids, texts and hashes each share one
// allocation, which keeps a million documents to a few allocations each.
func (s *Snapshot) All() []Document {
	ids, text := string(s.ids), string(s.text)
	hashes := hexHash(s.hashes)
	out := make([]Document, s.n)
	var id, tx uint64
	for i := range out {
		ie := uint64(binary.LittleEndian.Uint32(s.idEnd[4*i:]))
		te := binary.LittleEndian.Uint64(s.textEnd[8*i:])
		d := &out[i]
		d.ID, d.Text, d.Hash = ids[id:ie], text[tx:te], hashes[64*i:64*i+64]
		s.fillMeta(d, i)
		id, tx = ie, te
	}
	return out
}

// reader decodes the header; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errSnapshot
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = errSnapshot
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) take(n uint64) []byte {
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errSnapshot
		return nil
	}
	out := r.b[:n:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) uint32() uint32 {
	b := r.take(4)
	if b == nil {
		return 0
	}
	return binary.LittleEndian.Uint32(b)
}

func (r *reader) bytes() []byte { return r.take(r.uvarint()) }

func (r *reader) strings() []string {
	n := r.uvarint()
	if r.err != nil || n > uint64(len(r.b)) {
		r.err = errSnapshot
		return nil
	}
	out := make([]string, 0, n)
	for range n {
		out = append(out, string(r.bytes()))
	}
	return out
}

// Drop gives back the memory holding the texts of documents i to j-1 (the
// pages of the mapped file); reading them again brings it back. A build
// that reads every document once calls it as it goes, so that its memory
// does not grow with the study's text.
func (s *Snapshot) Drop(i, j int) {
	if s.release == nil || i >= j {
		return // read into memory, not mapped
	}
	from, _ := s.span(s.textEnd, 8, i)
	_, to := s.span(s.textEnd, 8, j-1)
	mmapfile.Drop(s.text[from:to])
}
