package codebook

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
)

// Counts are one coder's use of one node.
type Counts struct {
	Segments    int `json:"segments"`
	Documents   int `json:"documents"`
	Respondents int `json:"respondents"`
}

// Tally holds coding counts to show beside the tree. The coding side fills
// it from the coder files; this package never reads them.
type Tally struct {
	// Coders are the columns, in order.
	Coders []string
	// Counts maps node id → coder → counts. For a theme, give counts over
	// all codes under it (see CodesUnder) with documents and respondents
	// counted once each; a node without an entry shows blank.
	Counts map[string]map[string]Counts
}

// Uses is the number of segments carrying id over all coders, the usage
// count Delete asks for.
func (t Tally) Uses(id string) int {
	total := 0
	for _, c := range t.Counts[id] {
		total += c.Segments
	}
	return total
}

// Tree is the codebook laid out for display, with counts.
type Tree struct {
	Coders     []string   `json:"coders"`
	Themes     []TreeNode `json:"themes"`
	Unattached []TreeNode `json:"unattached"`
}

// TreeNode is one row of a Tree. Kind is "theme", "subtheme" or "code".
type TreeNode struct {
	ID       string            `json:"id"`
	Name     string            `json:"name"`
	Kind     string            `json:"kind"`
	Counts   map[string]Counts `json:"counts"`
	Children []TreeNode        `json:"children,omitempty"`
}

// Tree lays the codebook out with the counts from t.
func (cb *Codebook) Tree(t Tally) Tree {
	coders := t.Coders
	if coders == nil {
		coders = []string{}
	}
	var build func(list []*Node, depth int) []TreeNode
	build = func(list []*Node, depth int) []TreeNode {
		out := []TreeNode{}
		for _, n := range list {
			if n == nil {
				continue
			}
			kind := n.Kind.String()
			if n.Kind == Theme && depth > 0 {
				kind = "subtheme"
			}
			row := TreeNode{ID: n.ID, Name: n.Name, Kind: kind, Counts: map[string]Counts{}}
			for _, c := range t.Coders {
				if v, ok := t.Counts[n.ID][c]; ok {
					row.Counts[c] = v
				}
			}
			row.Children = append(build(n.Subthemes, depth+1), build(n.Codes, depth+1)...)
			out = append(out, row)
		}
		return out
	}
	return Tree{Coders: coders, Themes: build(cb.Themes, 0), Unattached: build(cb.Codes, 1)}
}

// flatRow is a tree row with its indent, for text output.
type flatRow struct {
	label  string
	counts map[string]Counts
}

func (tr Tree) flatten() []flatRow {
	var rows []flatRow
	var add func(list []TreeNode, depth int)
	add = func(list []TreeNode, depth int) {
		for _, n := range list {
			rows = append(rows, flatRow{
				label:  strings.Repeat("  ", depth) + n.Name + "  [" + n.ID + "]",
				counts: n.Counts,
			})
			add(n.Children, depth+1)
		}
	}
	add(tr.Themes, 0)
	if len(tr.Unattached) > 0 {
		rows = append(rows, flatRow{label: "Unattached codes"})
		add(tr.Unattached, 1)
	}
	return rows
}

var countHeads = [3]string{"segs", "docs", "resp"}

// WriteText prints the tree as aligned plain text: names indented by depth
// with their ids in brackets, then for each coder the segments, documents
// and respondents. Blank counts mean the caller gave none for that node.
func (tr Tree) WriteText(w io.Writer) error {
	rows := tr.flatten()
	if len(rows) == 0 {
		_, err := fmt.Fprintln(w, "The codebook has no themes or codes yet.")
		return err
	}
	nameW := displayWidth("THEMES AND CODES")
	for _, r := range rows {
		nameW = max(nameW, displayWidth(r.label))
	}
	// Each coder's group is three right-aligned columns.
	colW := make([][3]int, len(tr.Coders))
	for i, c := range tr.Coders {
		for k := range 3 {
			colW[i][k] = len(countHeads[k])
		}
		for _, r := range rows {
			if v, ok := r.counts[c]; ok {
				for k, n := range [3]int{v.Segments, v.Documents, v.Respondents} {
					colW[i][k] = max(colW[i][k], len(strconv.Itoa(n)))
				}
			}
		}
		if need := displayWidth(c) - (colW[i][0] + colW[i][1] + colW[i][2] + 2); need > 0 {
			colW[i][0] += need
		}
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(strings.TrimRight(s, " ") + "\n") }
	if len(tr.Coders) > 0 {
		var h strings.Builder
		h.WriteString(pad("", nameW))
		for i, c := range tr.Coders {
			h.WriteString("   " + pad(c, colW[i][0]+colW[i][1]+colW[i][2]+2))
		}
		line(h.String())
	}
	var h strings.Builder
	h.WriteString(pad("THEMES AND CODES", nameW))
	for i := range tr.Coders {
		h.WriteString("  ")
		for k := range 3 {
			h.WriteString(" " + padLeft(countHeads[k], colW[i][k]))
		}
	}
	line(h.String())
	for _, r := range rows {
		var l strings.Builder
		l.WriteString(pad(r.label, nameW))
		for i, c := range tr.Coders {
			v, ok := r.counts[c]
			l.WriteString("  ")
			for k, n := range [3]int{v.Segments, v.Documents, v.Respondents} {
				s := ""
				if ok {
					s = strconv.Itoa(n)
				}
				l.WriteString(" " + padLeft(s, colW[i][k]))
			}
		}
		line(l.String())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func pad(s string, w int) string {
	if n := displayWidth(s); n < w {
		return s + strings.Repeat(" ", w-n)
	}
	return s
}

func padLeft(s string, w int) string {
	if n := displayWidth(s); n < w {
		return strings.Repeat(" ", w-n) + s
	}
	return s
}

// displayWidth approximates the columns a terminal gives s: East Asian
// wide characters and emoji take two, combining marks and format
// characters none (after Unicode's East Asian Width, UAX #11, in broad
// ranges), so that columns line up after names in any script.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		switch {
		case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf) || r >= 0xFE00 && r <= 0xFE0F:
		case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF, r >= 0xAC00 && r <= 0xD7A3,
			r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F, r >= 0xFF00 && r <= 0xFF60,
			r >= 0xFFE0 && r <= 0xFFE6, r >= 0x1F300 && r <= 0x1F64F, r >= 0x1F900 && r <= 0x1F9FF,
			r >= 0x20000 && r <= 0x3FFFD:
			w += 2
		default:
			w++
		}
	}
	return w
}

// Use is one code applied to one segment by one coder: the input Count
// needs from the coder files.
type Use struct {
	Coder string
	// Segment identifies the segment within the coder's file (for instance
	// "P01/helped:10:52"); a segment carrying two codes of one theme counts
	// once for that theme.
	Segment    string
	Code       string
	Document   string
	Respondent string
}

// Count builds the Tally for coders from uses: for each code, and for each
// theme over all codes below it, the distinct segments, documents and
// respondents per coder. Uses of codes that are not in the codebook are
// skipped (the coder-file validation reports them).
func (cb *Codebook) Count(coders []string, uses []Use) Tally {
	// ancestors[code] is the code followed by every theme above it.
	ancestors := map[string][]string{}
	for _, c := range cb.AllCodes() {
		var ids []string
		for _, n := range cb.Path(c.ID) {
			ids = append(ids, n.ID)
		}
		ancestors[c.ID] = ids
	}
	type key struct{ node, coder string }
	type sets struct{ segments, documents, respondents distinct }
	acc := map[key]*sets{}
	var lastKey key
	var last *sets
	for _, u := range uses {
		for _, id := range ancestors[u.Code] {
			k := key{id, u.Coder}
			s := last
			if k != lastKey || s == nil {
				if s = acc[k]; s == nil {
					s = &sets{}
					acc[k] = s
				}
				if len(ancestors[u.Code]) == 1 {
					lastKey, last = k, s
				}
			}
			s.segments.add(u.Segment)
			s.documents.add(u.Document)
			s.respondents.add(u.Respondent)
		}
	}
	t := Tally{Coders: coders, Counts: map[string]map[string]Counts{}}
	cb.Walk(func(n, _ *Node) bool {
		byCoder := map[string]Counts{}
		for _, c := range coders {
			if s := acc[key{n.ID, c}]; s != nil {
				byCoder[c] = Counts{s.segments.len(), s.documents.len(), s.respondents.len()}
			} else {
				byCoder[c] = Counts{}
			}
		}
		t.Counts[n.ID] = byCoder
		return true
	})
	return t
}

// distinct counts distinct strings. Uses come in segment order, so the
// same value mostly arrives in a run: a run costs one comparison, and only
// a value unlike the one before goes to the set.
type distinct struct {
	last string
	any  bool
	set  map[string]struct{}
}

func (d *distinct) add(v string) {
	if d.any && v == d.last {
		return
	}
	d.any, d.last = true, v
	if d.set == nil {
		d.set = map[string]struct{}{}
	}
	d.set[v] = struct{}{}
}

func (d *distinct) len() int { return len(d.set) }
