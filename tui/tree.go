package tui

import (
	"github.com/mixeval/mixeval/codebook"
)

// treeRow is one node of the codebook laid out as a list.
type treeRow struct {
	id, name string
	kind     codebook.Kind
	depth    int
	parent   string
}

// treeRows flattens the themes (depth first) and, separately, the codes
// not yet in a theme.
func treeRows(cb *codebook.Codebook) (themes, loose []treeRow) {
	var walk func(list []*codebook.Node, depth int, parent string)
	walk = func(list []*codebook.Node, depth int, parent string) {
		for _, n := range list {
			if n == nil {
				continue
			}
			themes = append(themes, treeRow{id: n.ID, name: n.Name, kind: n.Kind, depth: depth, parent: parent})
			walk(n.Subthemes, depth+1, n.ID)
			walk(n.Codes, depth+1, n.ID)
		}
	}
	walk(cb.Themes, 0, "")
	for _, n := range cb.Codes {
		if n != nil {
			loose = append(loose, treeRow{id: n.ID, name: n.Name, kind: codebook.Code})
		}
	}
	return themes, loose
}

// themeRows keeps the themes and subthemes of rows.
func themeRows(rows []treeRow) []treeRow {
	var out []treeRow
	for _, r := range rows {
		if r.kind == codebook.Theme {
			out = append(out, r)
		}
	}
	return out
}

// total is a node's segments over every coder of a tally.
func total(t codebook.Tally, id string) int { return t.Uses(id) }
