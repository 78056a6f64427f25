package main

import (
	"sort"

	"github.com/mixeval/mixeval/thematic/corpus"
)

type segment struct {
	doc        string
	start, end int
	codes      []string
	memo       string
}

type coder struct {
	name string
	// offset shifts the coder's clock, in minutes from epoch.
	offset     int
	segments   []segment
	unreviewed string // a document the coder has not read yet
	docMemos   map[string]string
	memo       string
}

func seg(doc string, start, end int, codes ...string) segment {
	return segment{doc: doc, start: start, end: end, codes: codes}
}

func (s segment) withMemo(m string) segment { s.memo = m; return s }

// alice codes the phrases of docs/sample-study.md's theme table.
var alice = coder{
	name: "alice",
	segments: []segment{
		seg("P01/helped", 57, 119, "not-alone"),
		seg("P01/helped", 125, 204, "not-alone"),
		seg("P01/improve", 37, 65, "wish-for-contact").withMemo("A wish for more time together; counts as connection for me."),
		seg("P01/online", 24, 88, "no-travel"),
		seg("P02/helped", 0, 64, "skills-and-techniques"),
		seg("P02/helped", 66, 113, "ongoing-practice"),
		seg("P03/helped", 10, 81, "safe-to-share"),
		seg("P03/helped", 83, 135, "safe-to-share"),
		seg("P03/online", 0, 62, "camera-off"),
		seg("P04/helped", 0, 59, "understanding-pain"),
		seg("P04/helped", 162, 211, "skills-and-techniques"),
		seg("P04/online", 0, 22, "fits-round-life"),
		seg("P05/helped", 0, 98, "sense-of-accomplishment"),
		seg("P06/helped", 0, 20, "safe-to-share"),
		seg("P06/helped", 22, 43, "safe-to-share"),
		seg("P06/online", 0, 75, "comfort-of-home"),
		seg("P07/helped", 0, 32, "not-alone"),
		seg("P07/helped", 91, 135, "not-alone"),
		seg("P08/helped", 0, 32, "skills-and-techniques"),
		seg("P08/helped", 119, 194, "ongoing-practice"),
		seg("P08/online", 0, 63, "no-travel"),
		seg("P10/helped", 0, 40, "skills-and-techniques"),
		seg("P10/helped", 136, 183, "skills-and-techniques"),
		seg("P10/online", 37, 125, "no-travel"),
		seg("P11/helped", 23, 94, "mutual-support"),
		seg("P11/helped", 96, 134, "not-alone"),
		seg("P12/helped", 0, 34, "sense-of-accomplishment"),
		seg("P12/helped", 37, 119, "sense-of-accomplishment"),
		seg("P12/online", 0, 80, "fits-round-life", "no-travel"),
		seg("P13/helped", 34, 80, "ongoing-practice"),
		seg("P13/helped", 82, 203, "ongoing-practice"),
		seg("P13/online", 0, 72, "camera-off"),
	},
	docMemos: map[string]string{
		"P05/online": "A drawback of being online, not a benefit: left uncoded.",
	},
	memo: "First pass through all 39 answers. Safeness and connection overlap; I coded kindness as safeness.",
}

// bob codes the same answers on his own: wider spans on some, other codes
// on the borderline rows, and P13/online not read yet.
var bob = coder{
	name:   "bob",
	offset: 90,
	segments: []segment{
		seg("P01/helped", 57, 119, "not-alone"),
		seg("P01/helped", 125, 204, "not-alone"),
		seg("P01/online", 24, 137, "no-travel"),
		seg("P02/helped", 0, 64, "skills-and-techniques"),
		seg("P02/helped", 66, 113, "skills-and-techniques").withMemo("Using the breathing: the tool in use rather than practice."),
		seg("P03/helped", 10, 81, "safe-to-share"),
		seg("P03/helped", 83, 135, "safe-to-share"),
		seg("P03/online", 0, 62, "camera-off", "safe-to-share"),
		seg("P04/helped", 0, 59, "skills-and-techniques"),
		seg("P04/helped", 162, 211, "skills-and-techniques"),
		seg("P04/online", 0, 22, "fits-round-life"),
		seg("P05/helped", 0, 22, "sense-of-accomplishment"),
		seg("P06/helped", 0, 20, "not-alone"),
		seg("P06/helped", 22, 43, "safe-to-share"),
		seg("P06/online", 0, 75, "comfort-of-home"),
		seg("P07/helped", 0, 32, "not-alone"),
		seg("P07/helped", 91, 135, "not-alone", "safe-to-share"),
		seg("P07/improve", 53, 88, "ongoing-practice"),
		seg("P08/helped", 0, 32, "skills-and-techniques"),
		seg("P08/helped", 119, 237, "ongoing-practice"),
		seg("P08/online", 0, 63, "no-travel"),
		seg("P10/helped", 0, 40, "skills-and-techniques"),
		seg("P10/helped", 136, 183, "skills-and-techniques"),
		seg("P10/improve", 55, 76, "wish-for-contact"),
		seg("P10/online", 0, 126, "no-travel"),
		seg("P11/helped", 23, 94, "mutual-support"),
		seg("P11/helped", 96, 134, "not-alone"),
		seg("P12/helped", 0, 119, "sense-of-accomplishment"),
		seg("P12/online", 0, 80, "fits-round-life", "no-travel"),
		seg("P13/helped", 0, 80, "ongoing-practice"),
		seg("P13/helped", 82, 203, "ongoing-practice"),
	},
	unreviewed: "P13/online",
	docMemos: map[string]string{
		"P07/improve": "A wish for follow-up, but it shows they know the exercises need keeping up.",
	},
}

var coders = []coder{alice, bob}

func sortedIDs(docs map[string]corpus.Document) []string {
	ids := make([]string, 0, len(docs))
	for id := range docs {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}
