package index

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/thematic/corpus"
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
// The words are those of the index's unstemmed analyser, so "nurse" and
// "nurses" are two words here although a search treats them as one.
//
// The counts come from analysing the documents, on every core, rather than
// from a second, unstemmed field in the index: that field cost about a
// third of the build time, and the Index always holds the very documents
// it was built from (docs/PERFORMANCE.md).
func (ix *Index) Words(by string) (_ *WordFrequencies, err error) {
	defer ix.recoverDamage(&err)
	if ix.bleve == nil {
		return nil, errors.New("words: the index is closed")
	}
	valueOf, name, field, err := ix.groupBy(by)
	if err != nil {
		return nil, err
	}
	var values []string
	var valueOfDoc []int32
	if valueOf != nil {
		values, valueOfDoc = ix.docValues(valueOf, field)
	}

	out := &WordFrequencies{By: name}
	seen := ix.wordCounts().tally(valueOfDoc, values, out)
	sort.Slice(out.Words, func(a, b int) bool {
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
	sortValues(out.Values)
	return out, nil
}

// sortValues orders values numerically when every one is a number
// ("Sessions attended": 5, 7, 8, 9, 10), else as text.
func sortValues(values []string) {
	nums := make(map[string]float64, len(values))
	for _, v := range values {
		x, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || math.IsNaN(x) {
			sort.Strings(values)
			return
		}
		nums[v] = x
	}
	sort.SliceStable(values, func(a, b int) bool {
		if nums[values[a]] != nums[values[b]] {
			return nums[values[a]] < nums[values[b]]
		}
		return values[a] < values[b]
	})
}

// docValues lists the distinct values of valueOf in document order and
// gives each document the index of its value, -1 for none. A document
// belongs to the value its keyword field holds, as a search for
// "field:value" would find it: values are compared after the keyword
// analyser (lower case), the last listed of values that differ only in case
// takes their documents, and an empty value has none.
func (ix *Index) docValues(valueOf func(*corpus.Document) string, field string) ([]string, []int32) {
	var values []string
	valueIndex := map[string]int{}
	n := ix.docs.Len()
	infos := make([]corpus.Document, n)
	for i := range infos {
		infos[i] = ix.docs.Info(i)
		v := valueOf(&infos[i])
		if _, ok := valueIndex[v]; !ok {
			valueIndex[v] = len(values)
			values = append(values, v)
		}
	}
	last := map[string]int32{} // keyword token -> last value holding it
	for k, v := range values {
		for _, tok := range ix.an.keyword.Analyze([]byte(v)) {
			last[string(tok.Term)] = int32(k)
		}
	}
	// A field value's value index, analysed once per distinct value.
	valueOfField := map[string]int32{}
	fieldValue := func(v string) int32 {
		k, ok := valueOfField[v]
		if !ok {
			k = -1
			for _, tok := range ix.an.keyword.Analyze([]byte(v)) {
				if kt, ok := last[string(tok.Term)]; ok && kt > k {
					k = kt
				}
			}
			valueOfField[v] = k
		}
		return k
	}
	inField := map[string]bool{}
	of := make([]int32, n)
	for i := range infos {
		of[i] = -1
		for _, v := range fieldValues(&infos[i], field, inField) {
			of[i] = max(of[i], fieldValue(v))
		}
	}
	return values, of
}

// fieldValues returns the values build indexes in a keyword field of d:
// several when attribute names differ only in what AttributeField drops.
// inField caches which attribute names belong to field.
func fieldValues(d *corpus.Document, field string, inField map[string]bool) []string {
	switch field {
	case fieldQuestion:
		return []string{d.Question}
	case fieldRespondent:
		return []string{d.Respondent}
	}
	var vs []string
	for k, v := range d.Attributes {
		in, ok := inField[k]
		if !ok {
			in = attrPrefix+AttributeField(k) == field
			inField[k] = in
		}
		if in {
			vs = append(vs, v)
		}
	}
	return vs
}

// tally adds up each word's occurrences and documents, also per value
// when valueOfDoc is not nil, into out.Words (unsorted), and says which
// values any word was counted for.
func (dw *docWordCounts) tally(valueOfDoc []int32, values []string, out *WordFrequencies) []bool {
	total := make([]Count, len(dw.vocab))
	for i := 0; i+1 < len(dw.start); i++ {
		for k := dw.start[i]; k < dw.start[i+1]; k++ {
			total[dw.ids[k]].Occurrences += int(dw.ns[k])
			total[dw.ids[k]].Documents++
		}
	}
	// Per value: the (document, count) pairs of each word in turn, so that
	// one scratch row of len(values) serves every word.
	var postings [][2]int32 // (document, occurrences)
	var first []int32       // word id -> its postings' start
	if valueOfDoc != nil {
		first = make([]int32, len(dw.vocab)+1)
		for _, id := range dw.ids {
			first[id+1]++
		}
		for w := range dw.vocab {
			first[w+1] += first[w]
		}
		next := append([]int32(nil), first[:len(dw.vocab)]...)
		postings = make([][2]int32, len(dw.ids))
		for i := 0; i+1 < len(dw.start); i++ {
			for k := dw.start[i]; k < dw.start[i+1]; k++ {
				id := dw.ids[k]
				postings[next[id]] = [2]int32{int32(i), dw.ns[k]}
				next[id]++
			}
		}
	}
	seen := make([]bool, len(values))
	row := make([]Count, len(values))
	var touched []int32
	out.Words = make([]WordCount, 0, len(dw.vocab))
	for w, word := range dw.vocab {
		if total[w].Documents == 0 {
			continue
		}
		wc := WordCount{Word: word, Count: total[w]}
		if valueOfDoc != nil {
			wc.By = map[string]Count{}
			touched = touched[:0]
			for _, p := range postings[first[w]:first[w+1]] {
				v := valueOfDoc[p[0]]
				if v < 0 {
					continue
				}
				if row[v].Documents == 0 {
					touched = append(touched, v)
				}
				row[v].Occurrences += int(p[1])
				row[v].Documents++
			}
			for _, v := range touched {
				wc.By[values[v]] = row[v]
				seen[v] = true
				row[v] = Count{}
			}
		}
		out.Words = append(out.Words, wc)
	}
	return seen
}

// groupBy resolves the --by name to a function giving a document's value,
// the name to show and the keyword field holding the values.
func (ix *Index) groupBy(by string) (valueOf func(*corpus.Document) string, name, field string, err error) {
	switch strings.ToLower(by) {
	case "":
		return nil, "", "", nil
	case fieldQuestion:
		return func(d *corpus.Document) string { return d.Question }, fieldQuestion, fieldQuestion, nil
	case fieldRespondent:
		return func(d *corpus.Document) string { return d.Respondent }, fieldRespondent, fieldRespondent, nil
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
			return nil, "", "", fmt.Errorf("words: no attribute %q: the documents have no attributes; group by question instead", by)
		}
		return nil, "", "", fmt.Errorf("words: no attribute %q: use question or one of %s", by, strings.Join(names, ", "))
	}
	return func(d *corpus.Document) string {
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
