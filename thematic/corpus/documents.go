package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
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
	b, err := os.ReadFile(s.Path(src.File))
	if err != nil {
		return nil, fmt.Errorf("source %s: %w (run 'mixeval import' again on the original file)", src.File, err)
	}
	return ReadNormalised(src.File, b)
}

// BuildDocuments maps table t onto source src: one document per row and
// question. It reports every problem at once: missing columns (listing those
// that exist), empty, malformed or duplicate respondent ids.
func BuildDocuments(src study.Source, t *Table) ([]Document, problem.List) {
	var errs problem.List
	fail := func(row, line int, col, format string, args ...any) {
		errs.Add(&problem.Problem{File: src.File, Row: row, Line: line, Field: col, Msg: fmt.Sprintf(format, args...)})
	}
	idCol := t.Column(src.ID)
	if idCol < 0 {
		fail(0, 0, "", "no id column %q; the columns are: %s", src.ID, quoteList(t.Header))
	}
	qCols := make([]int, len(src.Questions))
	for i, q := range src.Questions {
		qCols[i] = t.Column(q.Column)
		if qCols[i] < 0 {
			fail(0, 0, "", "no question column %q; the columns are: %s", q.Column, quoteList(t.Header))
		}
	}
	aCols := make([]int, len(src.Attributes))
	for i, a := range src.Attributes {
		aCols[i] = t.Column(a)
		if aCols[i] < 0 {
			fail(0, 0, "", "no attribute column %q; the columns are: %s", a, quoteList(t.Header))
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	idName := t.Header[idCol]
	firstRow := map[string]int{}
	docs := make([]Document, 0, len(t.Rows)*len(src.Questions))
	for _, r := range t.Rows {
		id := r.Cells[idCol]
		switch {
		case id == "":
			fail(r.Num, r.Line, idName, "respondent id is empty: give every row an id, or delete the row")
			continue
		case strings.ContainsAny(id, "/\n"):
			fail(r.Num, r.Line, idName, "respondent id %q holds '/' or a line break, which document ids cannot", id)
			continue
		}
		if first, dup := firstRow[id]; dup {
			fail(r.Num, r.Line, idName, "duplicate respondent id %q (first on row %d): each respondent needs their own id", id, first)
			continue
		}
		firstRow[id] = r.Num
		var attrs map[string]string
		if len(aCols) > 0 {
			attrs = make(map[string]string, len(aCols))
			for i, c := range aCols {
				attrs[src.Attributes[i]] = r.Cells[c]
			}
		}
		for i, q := range src.Questions {
			text := r.Cells[qCols[i]]
			docs = append(docs, Document{
				ID:         id + "/" + q.Label,
				Respondent: id,
				Question:   q.Label,
				Text:       text,
				Attributes: attrs,
				Source:     src.File,
				Hash:       HashText(text),
			})
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return docs, nil
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
