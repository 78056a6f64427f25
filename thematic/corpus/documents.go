package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
)

// LoadDocuments reads every source of the study from its normalised file and
// returns one document per respondent and question, sorted by id. Empty
// answers are kept as documents with empty text: a respondent who left a
// question blank is data.
func LoadDocuments(s *study.Study) ([]Document, error) {
	docs, _, err := loadSources(s)
	return docs, err
}

// checkUniqueIDs reports two sources giving the same document id; docs
// are sorted by id.
func checkUniqueIDs(docs []Document) error {
	for i := 1; i < len(docs); i++ {
		if docs[i].ID == docs[i-1].ID {
			return fmt.Errorf("document %s comes from both %s and %s: give the questions of different sources different labels", docs[i].ID, docs[i-1].Source, docs[i].Source)
		}
	}
	return nil
}

func readNormalised(s *study.Study, src study.Source) (*Table, error) {
	b, err := readSource(s, src)
	if err != nil {
		return nil, err
	}
	return ReadNormalised(src.File, b)
}

// readSource reads a source's normalised copy.
func readSource(s *study.Study, src study.Source) ([]byte, error) {
	b, err := safefile.ReadFile(s.Path(src.File), 0)
	if err != nil {
		return nil, fmt.Errorf("source %s: %w (import the original file again)", src.File, err)
	}
	return b, nil
}

// BuildDocuments maps table t onto source src: one document per row and
// question. It reports every problem at once: missing columns (listing those
// that exist), empty, malformed or duplicate respondent ids.
func BuildDocuments(src study.Source, t *Table) ([]Document, problem.List) {
	b, errs := newDocBuilder(src, t)
	if len(errs) > 0 {
		return nil, errs
	}
	docs := make([]Document, 0, len(t.Rows)*len(src.Questions))
	for _, r := range t.Rows {
		docs = b.row(r, docs)
	}
	if len(b.errs) > 0 {
		return nil, b.errs
	}
	return docs, nil
}

// docBuilder makes the documents of a source one row at a time, so that a
// large file need not be held whole (see stream.go).
type docBuilder struct {
	src      study.Source
	idCol    int
	idName   string
	qCols    []int
	aCols    []int
	firstRow map[string]int
	errs     problem.List
}

// newDocBuilder finds the source's columns in t's header.
func newDocBuilder(src study.Source, t *Table) (*docBuilder, problem.List) {
	var errs problem.List
	fail := func(format string, args ...any) {
		errs.Add(&problem.Problem{File: src.File, Msg: fmt.Sprintf(format, args...)})
	}
	b := &docBuilder{src: src, firstRow: map[string]int{}}
	b.idCol = t.Column(src.ID)
	if b.idCol < 0 {
		fail("no id column %q; the columns are: %s", src.ID, quoteList(t.Header))
	}
	b.qCols = make([]int, len(src.Questions))
	for i, q := range src.Questions {
		b.qCols[i] = t.Column(q.Column)
		if b.qCols[i] < 0 {
			fail("no question column %q; the columns are: %s", q.Column, quoteList(t.Header))
		}
	}
	b.aCols = make([]int, len(src.Attributes))
	for i, a := range src.Attributes {
		b.aCols[i] = t.Column(a)
		if b.aCols[i] < 0 {
			fail("no attribute column %q; the columns are: %s", a, quoteList(t.Header))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	b.idName = t.Header[b.idCol]
	return b, nil
}

// row appends row r's documents to docs, or records its problem.
func (b *docBuilder) row(r Row, docs []Document) []Document {
	fail := func(format string, args ...any) {
		b.errs.Add(&problem.Problem{File: b.src.File, Row: r.Num, Line: r.Line, Field: b.idName, Msg: fmt.Sprintf(format, args...)})
	}
	id := r.Cells[b.idCol]
	switch {
	case id == "":
		fail("respondent id is empty: give every row an id, or delete the row")
		return docs
	case strings.ContainsAny(id, "/\n"):
		fail("respondent id %q holds '/' or a line break, which document ids cannot", id)
		return docs
	}
	if first, dup := b.firstRow[id]; dup {
		fail("duplicate respondent id %q (first on row %d): each respondent needs their own id", id, first)
		return docs
	}
	// A copy: id may share its memory with the whole row, which a streamed
	// import must not keep.
	b.firstRow[strings.Clone(id)] = r.Num
	var attrs map[string]string
	if len(b.aCols) > 0 {
		attrs = make(map[string]string, len(b.aCols))
		for i, c := range b.aCols {
			attrs[b.src.Attributes[i]] = r.Cells[c]
		}
	}
	for i, q := range b.src.Questions {
		text := r.Cells[b.qCols[i]]
		docs = append(docs, Document{
			ID:         id + "/" + q.Label,
			Respondent: id,
			Question:   q.Label,
			Text:       text,
			Attributes: attrs,
			Source:     b.src.File,
			Hash:       HashText(text),
		})
	}
	return docs
}

// HashText is the content hash kept per document: hex SHA-256 of the text.
func HashText(text string) string {
	h := sha256.Sum256([]byte(text))
	return hex.EncodeToString(h[:])
}

// ChangedDocuments returns, sorted, the ids of documents in old whose text
// differs in new, or that new no longer has. Segments coded on those
// documents no longer point at the text they were coded on. Documents only
// in new are not listed: nothing can have been coded on them.
func ChangedDocuments(old, new []Document) []string {
	hashes := make(map[string]string, len(new))
	for _, d := range new {
		hashes[d.ID] = d.Hash
	}
	var ids []string
	for _, d := range old {
		if h, ok := hashes[d.ID]; !ok || h != d.Hash {
			ids = append(ids, d.ID)
		}
	}
	sort.Strings(ids)
	return ids
}

func sortDocuments(docs []Document) {
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
}
