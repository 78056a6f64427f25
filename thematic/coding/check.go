package coding

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/mixeval/mixeval/thematic/corpus"
)

// HashLen is how many hex digits of a document's content hash a segment
// records: 48 bits tell an edited answer from the original with a chance of
// a false match of about 1 in 3·10^14.
const HashLen = 12

// Problem is one place where a coder's file no longer fits the documents.
type Problem struct {
	Coder    string `json:"coder"`
	Document string `json:"document"`
	// Segment is the segment id, or empty for a problem with the reviewed
	// list or a document memo.
	Segment string `json:"segment,omitempty"`
	Msg     string `json:"message"`
}

func (p Problem) String() string {
	if p.Segment == "" {
		return fmt.Sprintf("coding/%s.yaml: document %s: %s", p.Coder, p.Document, p.Msg)
	}
	return fmt.Sprintf("coding/%s.yaml: segment %s in %s: %s", p.Coder, p.Segment, p.Document, p.Msg)
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
// and document memos that name a missing document.
func (f *File) Check(docs map[string]corpus.Document) []Problem {
	var out []Problem
	lengths := map[string]int{}
	for _, s := range f.Segments {
		d, ok := docs[s.Document]
		if !ok {
			out = append(out, Problem{f.Coder, s.Document, s.ID,
				"the document is not in the study's sources; re-import it or remove the segment"})
			continue
		}
		n, ok := lengths[s.Document]
		if !ok {
			n = utf8.RuneCountInString(d.Text)
			lengths[s.Document] = n
		}
		if s.End > n {
			out = append(out, Problem{f.Coder, s.Document, s.ID,
				fmt.Sprintf("span %d-%d ends beyond the text, which has %d characters; recode it", s.Start, s.End, n)})
		}
	}
	for _, d := range f.Reviewed {
		if _, ok := docs[d]; !ok {
			out = append(out, Problem{Coder: f.Coder, Document: d, Msg: "marked as reviewed but not in the study's sources"})
		}
	}
	for _, d := range sortedKeys(f.DocumentMemos) {
		if _, ok := docs[d]; !ok {
			out = append(out, Problem{Coder: f.Coder, Document: d, Msg: "has a memo but is not in the study's sources"})
		}
	}
	return out
}

// Stale reports segments coded on a text that has since changed: the hash
// recorded with the segment differs from the document's current hash. Such
// segments are never shifted silently; the coder decides. Segments without a
// recorded hash, or whose document is missing (see Check), are skipped.
func (f *File) Stale(docs map[string]corpus.Document) []Problem {
	var out []Problem
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
			out = append(out, Problem{f.Coder, s.Document, s.ID,
				fmt.Sprintf("the text changed since span %d-%d was coded (hash %s, now %s); check the segment and recode it", s.Start, s.End, s.Hash, h)})
		}
	}
	return out
}
