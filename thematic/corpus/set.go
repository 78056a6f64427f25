package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"sort"
	"sync"
)

// Set is a study's documents in id order, read as they are needed: a
// command that shows a few documents of a million should not pay for the
// others (docs/PERFORMANCE.md). A Set is safe for use by several
// goroutines; it does not change once made.
type Set interface {
	// Len is the number of documents.
	Len() int
	// ID is the id of document i (0 <= i < Len).
	ID(i int) string
	// Document is document i, whole.
	Document(i int) Document
	// Info is document i without its Text (Hash is kept): what a filter
	// on question, respondent or attributes reads.
	Info(i int) Document
	// Find gives the position of the document with id.
	Find(id string) (int, bool)
	// Stamp changes whenever any document's id, text, respondent, question
	// or attributes change, and only then.
	Stamp() [32]byte
	// Attributes are the attribute names any document uses, sorted.
	Attributes() []string
}

// All returns every document of set, in id order.
func All(set Set) []Document {
	if s, ok := set.(*sliceSet); ok {
		return s.docs
	}
	if s, ok := set.(*Snapshot); ok {
		return s.All()
	}
	out := make([]Document, set.Len())
	for i := range out {
		out[i] = set.Document(i)
	}
	return out
}

// NewSet presents documents already in memory, sorted by id, as a Set.
// docs must not change afterwards.
func NewSet(docs []Document) Set { return &sliceSet{docs: docs} }

type sliceSet struct {
	docs []Document

	once  sync.Once
	byID  map[string]int
	stamp [32]byte
	attrs []string
}

func (s *sliceSet) init() {
	s.once.Do(func() {
		s.byID = make(map[string]int, len(s.docs))
		for i, d := range s.docs {
			if _, dup := s.byID[d.ID]; !dup {
				s.byID[d.ID] = i
			}
		}
		s.stamp = Stamp(s.docs)
		s.attrs = attributeNames(s.docs)
	})
}

func (s *sliceSet) Len() int                { return len(s.docs) }
func (s *sliceSet) ID(i int) string         { return s.docs[i].ID }
func (s *sliceSet) Document(i int) Document { return s.docs[i] }
func (s *sliceSet) Info(i int) Document {
	d := s.docs[i]
	d.Text = ""
	return d
}
func (s *sliceSet) Find(id string) (int, bool) {
	s.init()
	i, ok := s.byID[id]
	return i, ok
}
func (s *sliceSet) Stamp() [32]byte      { s.init(); return s.stamp }
func (s *sliceSet) Attributes() []string { s.init(); return s.attrs }

// Stamp is the SHA-256 over everything a derived file (the search index,
// the documents snapshot) holds about the documents: ids, text hashes,
// respondents, questions and attributes. Attributes are included, not only
// text hashes, because a corrected group number must reach "group:2"
// searches.
func Stamp(docs []Document) [32]byte {
	h := newStamper(len(docs))
	for i := range docs {
		h.add(&docs[i])
	}
	return h.sum()
}

// stamper computes Stamp one document at a time.
type stamper struct {
	h    hash.Hash
	buf  []byte
	keys []string
}

func newStamper(n int) *stamper {
	s := &stamper{h: sha256.New()}
	s.buf = binary.AppendUvarint(s.buf, uint64(n))
	return s
}

// str writes s with its length first, so that no two different document
// lists give the same byte stream.
func (s *stamper) str(v string) {
	s.buf = binary.AppendUvarint(s.buf, uint64(len(v)))
	s.buf = append(s.buf, v...)
}

func (s *stamper) add(d *Document) {
	textHash := d.Hash
	if textHash == "" {
		textHash = HashText(d.Text)
	}
	s.str(d.ID)
	s.str(textHash)
	s.str(d.Respondent)
	s.str(d.Question)
	s.keys = s.keys[:0]
	for k := range d.Attributes {
		s.keys = append(s.keys, k)
	}
	sort.Strings(s.keys)
	s.buf = binary.AppendUvarint(s.buf, uint64(len(s.keys)))
	for _, k := range s.keys {
		s.str(k)
		s.str(d.Attributes[k])
	}
	if len(s.buf) > 1<<16 {
		s.h.Write(s.buf)
		s.buf = s.buf[:0]
	}
}

func (s *stamper) sum() [32]byte {
	s.h.Write(s.buf)
	var out [32]byte
	copy(out[:], s.h.Sum(nil))
	return out
}

// attributeNames lists the attribute names used by any document, sorted.
func attributeNames(docs []Document) []string {
	seen := map[string]bool{}
	var names []string
	for _, d := range docs {
		for k := range d.Attributes {
			if !seen[k] {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	return names
}

// hexHash is the hex form of a raw SHA-256, as Document.Hash holds it.
func hexHash(raw []byte) string { return hex.EncodeToString(raw) }

func hexDecode(dst []byte, s string) (int, error) { return hex.Decode(dst, []byte(s)) }
