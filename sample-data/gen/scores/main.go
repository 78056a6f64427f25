// Command scores writes the sample study's item-level questionnaire data,
// scores/items.csv, from the table of scores in tables.go: each patient's
// SCS-SF, PSEQ and FSCRS subscale scores at pre, post and (for some) the
// three-month follow-up, spread over the items. The spreading is
// deterministic, so every run writes the same bytes.
//
//	go generate ./sample-data   (runs: go run ./gen/scores -study .)
//
// docs/sample-study.md tells the story the scores follow and how they keep
// the source article's Table 2.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	dir := flag.String("study", ".", "the sample study folder (sample-data)")
	flag.Parse()
	data, err := items()
	if err == nil {
		err = os.WriteFile(filepath.Join(*dir, "scores", "items.csv"), data, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen/scores:", err)
		os.Exit(1)
	}
}

// block is one questionnaire's share of the file: its item columns and
// response range, and the items of each score.
type block struct {
	prefix  string
	n       int
	lo, hi  int
	reverse []int // stored as lo + hi − x (the SCS-SF's reversed items)
}

var (
	scs   = block{prefix: "scs_", n: 12, lo: 1, hi: 5, reverse: []int{1, 4, 8, 9, 11, 12}}
	fscrs = block{prefix: "fscrs_", n: 22, lo: 0, hi: 4}
	pseq  = block{prefix: "pseq_", n: 10, lo: 0, hi: 6}

	// The FSCRS subscales' items (quant/instruments/fscrs.yaml).
	inadequateItems = []int{1, 2, 4, 6, 7, 14, 17, 18, 20}
	hatedItems      = []int{9, 10, 12, 15, 22}
	reassuredItems  = []int{3, 5, 8, 11, 13, 16, 19, 21}
)

// items renders the whole file: every patient's pre and post rows in
// patient order, then the follow-up rows, as they were collected three
// months later.
func items() ([]byte, error) {
	var b bytes.Buffer
	head := []string{"id", "time"}
	for _, bl := range []block{scs, fscrs, pseq} {
		for i := 1; i <= bl.n; i++ {
			head = append(head, bl.prefix+strconv.Itoa(i))
		}
	}
	b.WriteString(strings.Join(head, ",") + "\n")
	write := func(pi, time int) error {
		p := patients[pi]
		row, err := p.row(pi, time)
		if err != nil {
			return fmt.Errorf("%s %s: %w", p.id, timeNames[time], err)
		}
		b.WriteString(row)
		return nil
	}
	for pi := range patients {
		for _, time := range []int{pre, post} {
			if err := write(pi, time); err != nil {
				return nil, err
			}
		}
	}
	for pi, p := range patients {
		if p.followedUp() {
			if err := write(pi, fu3); err != nil {
				return nil, err
			}
		}
	}
	return b.Bytes(), nil
}

const (
	pre = iota
	post
	fu3
)

var timeNames = []string{"pre", "post", "fu3"}

// row is one patient's answers at one time point.
func (p patient) row(pi, time int) (string, error) {
	rng := newRNG(uint64(pi+1)*1000 + uint64(time))
	cells := []string{p.id, timeNames[time]}
	s, err := spread(rng, scs, allItems(12), p.scs[time])
	if err != nil {
		return "", fmt.Errorf("SCS-SF: %w", err)
	}
	cells = append(cells, s...)
	f := make([]string, fscrs.n)
	for _, sub := range []struct {
		name  string
		items []int
		total int
	}{{"inadequate", inadequateItems, p.inadequate[time]}, {"hated", hatedItems, p.hated[time]}, {"reassured", reassuredItems, p.reassured[time]}} {
		v, err := spread(rng, fscrs, sub.items, sub.total)
		if err != nil {
			return "", fmt.Errorf("FSCRS %s: %w", sub.name, err)
		}
		for k, item := range sub.items {
			f[item-1] = v[k]
		}
	}
	cells = append(cells, f...)
	q, err := spread(rng, pseq, allItems(10), p.pseq[time])
	if err != nil {
		return "", fmt.Errorf("PSEQ: %w", err)
	}
	cells = append(cells, q...)
	return strings.Join(cells, ",") + "\n", nil
}

func allItems(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// spread makes item scores in the block's range that sum to total (as
// scored, before reversal), differing from item to item by up to about
// two points around their mean, and returns them as stored: reversed
// items as lo + hi − x.
func spread(rng *rng, bl block, items []int, total int) ([]string, error) {
	n := len(items)
	if total < n*bl.lo || total > n*bl.hi {
		return nil, fmt.Errorf("total %d is outside %d to %d", total, n*bl.lo, n*bl.hi)
	}
	v := make([]int, n)
	for i := range v {
		v[i] = total / n
	}
	// The remainder goes one point each to distinct items, chosen by a
	// shuffle.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	for i := n - 1; i > 0; i-- {
		j := int(rng.next() % uint64(i+1))
		order[i], order[j] = order[j], order[i]
	}
	for _, i := range order[:total%n] {
		v[i]++
	}
	mean := total / n
	for range 3 * n {
		i, j := int(rng.next()%uint64(n)), int(rng.next()%uint64(n))
		if i != j && v[i] > bl.lo && v[j] < bl.hi && v[i]-1 >= mean-2 && v[j]+1 <= mean+2 {
			v[i]--
			v[j]++
		}
	}
	out := make([]string, n)
	for k, item := range items {
		x := v[k]
		for _, r := range bl.reverse {
			if r == item {
				x = bl.lo + bl.hi - x
			}
		}
		out[k] = strconv.Itoa(x)
	}
	return out, nil
}

// rng is splitmix64: small, and the same on every Go version, so the file
// never changes under a new standard library.
type rng struct{ s uint64 }

func newRNG(seed uint64) *rng { return &rng{s: seed} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
