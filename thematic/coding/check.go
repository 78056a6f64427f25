package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// HashLen is how many hex digits of a document's content hash a segment
// records: 48 bits tell an edited answer from the original with a chance of
// a false match of about 1 in 3·10^14.
const HashLen = 12

// Lines gives the line of an entry of a coder file on disk: a segment by
// its id, or a document's entry in the reviewed list or the memos. Zero
// means unknown (e.g. an action still in the journal).
//
// A file is read for its lines only when a problem asks for one: at
// 100,000 segments locating every entry costs more than the checks.
type Lines struct{ l *lazyLines }

type lazyLines struct {
	path      string
	once      sync.Once
	segments  map[string]int
	documents map[string]int
}

func (l Lines) located() *lazyLines {
	if l.l == nil {
		return &lazyLines{}
	}
	l.l.once.Do(l.l.locate)
	return l.l
}

// Document is the line of doc's first entry (0 when unknown).
func (l Lines) Document(doc string) int { return l.located().documents[doc] }

// misfit positions one problem: a segment's, or (seg empty) a document
// entry's. The message names both, so it reads well without a line.
func (f *File) misfit(lines Lines, doc, seg, msg string) *problem.Problem {
	p := &problem.Problem{File: path.Join(study.CodingDir, f.Coder+".yaml")}
	if seg == "" {
		p.Msg = fmt.Sprintf("document %s: %s", doc, msg)
		p.Line = lines.Document(doc)
	} else {
		p.Msg = fmt.Sprintf("segment %s in %s: %s", seg, doc, msg)
		p.Line = lines.Segment(seg)
	}
	return p
}

// DocumentHash returns the short content hash that segments record for d:
// the first HashLen hex digits of d.Hash, or of the SHA-256 of d.Text when
// the document carries no hash.
func DocumentHash(d corpus.Document) string {
	h := d.Hash
	if h == "" {
		sum := sha256.Sum256([]byte(d.Text))
		h = hex.EncodeToString(sum[:])
	}
	if len(h) > HashLen {
		h = h[:HashLen]
	}
	return strings.ToLower(h)
}

// Check reports segments whose document is missing from docs or whose end
// lies beyond the document's length in code points, and reviewed documents
// and document memos that name a missing document. Problems are positioned
// with lines (the zero Lines when the file on disk is not at hand).
func (f *File) Check(docs map[string]corpus.Document, lines Lines) problem.List {
	var out problem.List
	lengths := map[string]int{}
	for _, s := range f.Segments {
		d, ok := docs[s.Document]
		if !ok {
			out.Add(f.misfit(lines, s.Document, s.ID,
				"the document is not in the study's sources; re-import it or remove the segment"))
			continue
		}
		n, ok := lengths[s.Document]
		if !ok {
			n = utf8.RuneCountInString(d.Text)
			lengths[s.Document] = n
		}
		if s.End > n {
			out.Add(f.misfit(lines, s.Document, s.ID,
				fmt.Sprintf("span %d-%d ends beyond the text, which has %d characters; recode it", s.Start, s.End, n)))
		}
	}
	for _, d := range f.Reviewed {
		if _, ok := docs[d]; !ok {
			out.Add(f.misfit(lines, d, "", "marked as reviewed but not in the study's sources"))
		}
	}
	for _, d := range sortedKeys(f.DocumentMemos) {
		if _, ok := docs[d]; !ok {
			out.Add(f.misfit(lines, d, "", "has a memo but is not in the study's sources"))
		}
	}
	return out
}

// Stale reports segments coded on a text that has since changed: the hash
// recorded with the segment differs from the document's current hash. Such
// segments are never shifted silently; the coder decides. Segments without a
// recorded hash, or whose document is missing (see Check), are skipped.
func (f *File) Stale(docs map[string]corpus.Document, lines Lines) problem.List {
	var out problem.List
	hashes := map[string]string{}
	for _, s := range f.Segments {
		if s.Hash == "" {
			continue
		}
		d, ok := docs[s.Document]
		if !ok {
			continue
		}
		h, ok := hashes[s.Document]
		if !ok {
			h = DocumentHash(d)
			hashes[s.Document] = h
		}
		if !strings.HasPrefix(h, s.Hash) && !strings.HasPrefix(s.Hash, h) {
			out.Add(f.misfit(lines, s.Document, s.ID,
				fmt.Sprintf("the text changed since span %d-%d was coded (hash %s, now %s); check the segment and recode it", s.Start, s.End, s.Hash, h)))
		}
	}
	return out
}

// LocateLines finds the entries of the coder file at path in its canonical
// layout: the line of each segment's "- id:" and of each reviewed document
// or document memo. A file that cannot be read gives the zero Lines.
func LocateLines(path string) Lines { return Lines{&lazyLines{path: path}} }

func (fl *lazyLines) locate() {
	fl.segments, fl.documents = map[string]int{}, map[string]int{}
	data, err := safefile.ReadFile(fl.path, 0)
	if err != nil {
		return
	}
	for i, line := range strings.Split(string(data), "\n") {
		item, ok := strings.CutPrefix(line, "  - ")
		if !ok {
			continue
		}
		switch {
		case strings.HasPrefix(item, "id: "):
			fl.segments[unquote(strings.TrimPrefix(item, "id: "))] = i + 1
		case strings.HasPrefix(item, "document: "):
			doc := unquote(strings.TrimPrefix(item, "document: "))
			if _, seen := fl.documents[doc]; !seen {
				fl.documents[doc] = i + 1
			}
		default:
			if doc := unquote(item); fl.documents[doc] == 0 {
				fl.documents[doc] = i + 1
			}
		}
	}
}

// unquote removes the quotes YAML puts around number-like scalars.
func unquote(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '"' || s[0] == '\'') && s[len(s)-1] == s[0] {
		return s[1 : len(s)-1]
	}
	return s
}

// Segment is the line of segment id's entry (0 when unknown).
func (l Lines) Segment(id string) int { return l.located().segments[id] }
