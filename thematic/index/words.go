package index

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"

	bindex "github.com/blevesearch/bleve_index_api"

	"github.com/mixeval/mixeval/thematic"
)

// Count is how often a word occurs and in how many documents.
type Count struct {
	Occurrences int `json:"occurrences"`
	Documents   int `json:"documents"`
}

// WordCount is one word's counts, overall and per value of the By attribute.
type WordCount struct {
	Word string `json:"word"`
	Count
	By map[string]Count `json:"by,omitempty"`
}

// WordFrequencies lists words, most frequent first.
type WordFrequencies struct {
	// By is the attribute the counts are broken down by ("" for none) and
	// Values its values, sorted.
	By     string      `json:"by,omitempty"`
	Values []string    `json:"values,omitempty"`
	Words  []WordCount `json:"words"`
}

// Words counts the words of every document (lower-cased, not stemmed, stop
// words left out), most frequent first, ties in alphabetical order. by, if
// not empty, names an attribute (as the study spells it or as a search
// field), "question" or "respondent": counts are then also given per value.
// It reads the index's unstemmed field, so "nurse" and "nurses" are two
// words here although a search treats them as one.
func (ix *Index) Words(by string) (_ *WordFrequencies, err error) {
	defer ix.recoverDamage(&err)
	if ix.bleve == nil {
		return nil, errors.New("words: the index is closed")
	}
	valueOf, name, field, err := ix.groupBy(by)
	if err != nil {
		return nil, err
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	defer r.Close()

	// With --by: bleve's internal document numbers, mapped to the index of
	// the document's value in values. The keyword field's postings list
	// the documents of each value; looking up 100,000 ids one by one took
	// seconds.
	ctx := context.Background()
	var values []string
	var valueOfDoc docValues
	if valueOf != nil {
		valueIndex := map[string]int{}
		for i := range ix.docs {
			v := valueOf(&ix.docs[i])
			if _, ok := valueIndex[v]; !ok {
				valueIndex[v] = len(values)
				values = append(values, v)
			}
		}
		valueOfDoc = newDocValues(len(ix.docs))
		for k, v := range values {
			for _, tok := range ix.an.keyword.Analyze([]byte(v)) {
				if err := postingsOf(ctx, r, field, tok.Term, func(id bindex.IndexInternalID) { valueOfDoc.set(id, k) }); err != nil {
					return nil, fmt.Errorf("words: %w", err)
				}
			}
		}
	}
	seen := make([]bool, len(values))

	out := &WordFrequencies{By: name}
	dict, err := r.FieldDict(fieldWords)
	if err != nil {
		return nil, fmt.Errorf("words: %w", err)
	}
	defer dict.Close()
	for {
		e, err := dict.Next()
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		if e == nil {
			break
		}
		wc := WordCount{Word: e.Term}
		var byValue []Count
		if valueOf != nil {
			byValue = make([]Count, len(values))
		}
		tfr, err := r.TermFieldReader(ctx, []byte(e.Term), fieldWords, true, false, false)
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		var tfd *bindex.TermFieldDoc
		for {
			tfd, err = tfr.Next(tfd)
			if err != nil || tfd == nil {
				break
			}
			wc.Occurrences += int(tfd.Freq)
			wc.Documents++
			if byValue != nil {
				if k, ok := valueOfDoc.get(tfd.ID); ok {
					byValue[k].Occurrences += int(tfd.Freq)
					byValue[k].Documents++
				}
			}
		}
		if byValue != nil {
			wc.By = map[string]Count{}
			for k, c := range byValue {
				if c.Documents > 0 {
					wc.By[values[k]] = c
					seen[k] = true
				}
			}
		}
		_ = tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("words: %w", err)
		}
		if wc.Documents > 0 {
			out.Words = append(out.Words, wc)
		}
	}
	sort.SliceStable(out.Words, func(a, b int) bool {
		x, y := out.Words[a], out.Words[b]
		if x.Occurrences != y.Occurrences {
			return x.Occurrences > y.Occurrences
		}
		return x.Word < y.Word
	})
	for k, v := range values {
		if seen[k] {
			out.Values = append(out.Values, v)
		}
	}
	sort.Strings(out.Values)
	return out, nil
}

// groupBy resolves the --by name to a function giving a document's value,
// the name to show and the keyword field holding the values.
func (ix *Index) groupBy(by string) (valueOf func(*thematic.Document) string, name, field string, err error) {
	switch strings.ToLower(by) {
	case "":
		return nil, "", "", nil
	case fieldQuestion:
		return func(d *thematic.Document) string { return d.Question }, fieldQuestion, fieldQuestion, nil
	case fieldRespondent:
		return func(d *thematic.Document) string { return d.Respondent }, fieldRespondent, fieldRespondent, nil
	}
	f := AttributeField(by)
	attr, ok := ix.attrs[f]
	if !ok {
		var names []string
		for _, a := range ix.attrs {
			names = append(names, a)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, "", "", fmt.Errorf("words: no attribute %q: the documents have no attributes; use --by question", by)
		}
		return nil, "", "", fmt.Errorf("words: no attribute %q: use question or one of %s", by, strings.Join(names, ", "))
	}
	return func(d *thematic.Document) string {
		if v, ok := d.Attributes[attr]; ok {
			return v
		}
		// Attribute names that share a search field are one attribute here.
		for k, v := range d.Attributes {
			if AttributeField(k) == f {
				return v
			}
		}
		return ""
	}, attr, attrPrefix + f, nil
}

// postingsOf calls f with every document holding term in field.
func postingsOf(ctx context.Context, r bindex.IndexReader, field string, term []byte, f func(bindex.IndexInternalID)) error {
	tfr, err := r.TermFieldReader(ctx, term, field, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	var tfd *bindex.TermFieldDoc
	for {
		tfd, err = tfr.Next(tfd)
		if err != nil || tfd == nil {
			return err
		}
		f(tfd.ID)
	}
}

// docValues maps bleve's internal document ids to value indexes. Scorch's
// ids are 8-byte big-endian document numbers, dense from 0 in a freshly
// built index: a slice then replaces a map lookup per posting, which was
// most of the time of a breakdown. Other ids fall back to a map.
type docValues struct {
	dense []int32 // value index + 1; 0 for none
	other map[string]int
}

func newDocValues(n int) docValues {
	return docValues{dense: make([]int32, 0, n), other: map[string]int{}}
}

// denseLimit keeps the slice small if numbers turn out sparse.
func (d *docValues) denseLimit() uint64 { return uint64(4*cap(d.dense) + 1024) }

func (d *docValues) set(id bindex.IndexInternalID, k int) {
	if len(id) == 8 {
		if n := binary.BigEndian.Uint64(id); n < d.denseLimit() {
			for uint64(len(d.dense)) <= n {
				d.dense = append(d.dense, 0)
			}
			d.dense[n] = int32(k + 1)
			return
		}
	}
	d.other[string(id)] = k
}

func (d *docValues) get(id bindex.IndexInternalID) (int, bool) {
	if len(id) == 8 {
		if n := binary.BigEndian.Uint64(id); n < uint64(len(d.dense)) && d.dense[n] > 0 {
			return int(d.dense[n] - 1), true
		}
	}
	k, ok := d.other[string(id)]
	return k, ok
}
