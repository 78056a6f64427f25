package backend

import (
	"sort"
	"strings"

	"github.com/mixeval/mixeval/codebook"
)

// nearestCodes returns up to n code ids closest to id by edit distance
// (ids sharing a prefix or contained in one another first), for "did you
// mean" suggestions. Only ids within a few edits are offered.
func nearestCodes(cb *codebook.Codebook, id string, n int) []string {
	type cand struct {
		id   string
		dist int
	}
	var cs []cand
	limit := max(2, len(id)/3)
	for _, c := range cb.AllCodes() {
		d := editDistance(id, c.ID)
		if strings.Contains(c.ID, id) || strings.Contains(id, c.ID) {
			d = min(d, 1)
		}
		if d <= limit {
			cs = append(cs, cand{c.ID, d})
		}
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].dist != cs[j].dist {
			return cs[i].dist < cs[j].dist
		}
		return cs[i].id < cs[j].id
	})
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].id)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
