package quant

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
)

// Time points of item-level data. Any other label (fu3, fu6, ...) is a
// follow-up: analyses pair any two time points.
const (
	TimePre  = "pre"
	TimePost = "post"
)

// timeLabel is what a time cell may hold once lower-cased: short, no spaces,
// since labels name pairs in the output and plot files.
var timeLabel = regexp.MustCompile(`^[a-z0-9][a-z0-9_.-]*$`)

// ValidTimeLabel reports whether s can name a time point (pre, post, fu3).
func ValidTimeLabel(s string) bool { return timeLabel.MatchString(s) }

// Response is one respondent's answers at one time point. Values are in
// the order of the instrument's Items; math.NaN() marks an unanswered item.
type Response struct {
	ID     string
	Time   string
	Row    int
	Values []float64
}

// ReadResponses checks a sheet of item-level data against an instrument and
// returns its responses. The whole sheet is checked first and every problem
// is listed at once, in file order: missing id, time or item columns, a
// time that is not a label (pre, post, or a follow-up such as fu3), a
// non-numeric, fractional or out-of-range response, an id and time given
// twice, an id with a pre row but no post row (or the reverse), and a
// follow-up row of an id without a pre row. An empty cell is an unanswered
// item.
func ReadResponses(sh *Sheet, in *Instrument) ([]Response, error) {
	rs, l := readResponses(sh, []*Instrument{in})
	if err := l.Err(); err != nil {
		return nil, err
	}
	return rs[0], nil
}

// sheetCheck gathers the problems of one sheet with the column each is in,
// so that they can be put in file order however they were found.
type sheetCheck struct {
	sh *Sheet
	ps []placed
}

type placed struct {
	p   *problem.Problem
	col int // -1: the row's or the file's
}

func (c *sheetCheck) add(row, col int, format string, args ...any) {
	p := &problem.Problem{File: c.sh.File, Row: row, Msg: fmt.Sprintf(format, args...)}
	if col >= 0 {
		p.Field = c.sh.columnName(col)
	}
	c.ps = append(c.ps, placed{p, col})
}

// list puts the problems in file order (row, then column) and lists each
// once: two instruments reading one file find the same row problems.
func (c *sheetCheck) list() problem.List {
	slices.SortStableFunc(c.ps, func(a, b placed) int {
		if r := cmp.Compare(a.p.Row, b.p.Row); r != 0 {
			return r
		}
		return cmp.Compare(a.col, b.col)
	})
	var l problem.List
	seen := map[problem.Problem]bool{}
	for _, x := range c.ps {
		if seen[*x.p] {
			continue
		}
		seen[*x.p] = true
		l.Add(x.p)
	}
	return l.Cap(maxProblems)
}

// readResponses checks a sheet once for every instrument that reads it and
// returns each instrument's responses (in the order of ins). Row problems
// (ids, times, pairing) are found once; each item column is checked against
// the range of every instrument that uses it.
func readResponses(sh *Sheet, ins []*Instrument) ([][]Response, problem.List) {
	c := &sheetCheck{sh: sh}
	if sh.IsTotals() {
		c.add(0, -1, "this is a totals file (id, pre, post columns); totals files are analysed one measure at a time, while a study measure needs item-level data: columns id, time (pre, post or a follow-up) and the item keys")
		return nil, c.list()
	}
	idCol, timeCol := sh.columnIndex("id"), sh.columnIndex("time")
	if idCol < 0 {
		c.add(1, -1, "no \"id\" column: the header needs id, time and the item columns; found %s%s", sh.headerList(), delimiterHint(sh))
	}
	if timeCol < 0 {
		c.add(1, -1, "no \"time\" column (pre, post or a follow-up label on each row); found %s%s", sh.headerList(), delimiterHint(sh))
	}
	cols := make([][]int, len(ins))
	for k, in := range ins {
		cols[k] = make([]int, len(in.Items))
		var missing []string
		for i, it := range in.Items {
			cols[k][i] = sh.columnIndex(it)
			if cols[k][i] < 0 {
				missing = append(missing, it)
			}
		}
		if len(missing) > 0 {
			c.add(1, -1, "%d item column(s) of %s are missing: %s; found %s%s", len(missing), in.Name, strings.Join(missing, ", "), sh.headerList(), delimiterHint(sh))
		}
	}
	if len(c.ps) > 0 {
		return nil, c.list()
	}
	for i, h := range sh.Header {
		for j := 0; j < i; j++ {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(sh.Header[j])) && strings.TrimSpace(h) != "" {
				c.add(1, i, "column %q appears twice (also column %s): keep one", strings.TrimSpace(h), sh.columnName(j))
			}
		}
	}
	out := make([][]Response, len(ins))
	blocks := make([][]float64, len(ins)) // one block of values per instrument
	for k, in := range ins {
		out[k] = make([]Response, 0, len(sh.Rows))
		blocks[k] = make([]float64, len(sh.Rows)*len(in.Items))
	}
	seen := map[timeKey]int{} // first row of each id and time
	var rows []Response       // id, time and row of every row
	for r, row := range sh.Rows {
		rn := sh.RowNums[r]
		if len(row) > len(sh.Header) && !isBlank(row[len(sh.Header):]) {
			c.add(rn, -1, "the row has %d cells but the header only %d columns; check the delimiter and quotes", len(row), len(sh.Header))
		}
		resp := Response{ID: sh.cell(row, idCol), Time: strings.ToLower(sh.cell(row, timeCol)), Row: rn}
		if resp.ID == "" {
			c.add(rn, idCol, "the respondent id is empty")
		}
		validTime := c.checkTime(rn, timeCol, resp.Time, sh.cell(row, timeCol))
		if resp.ID != "" && validTime {
			k := timeKey{resp.ID, resp.Time}
			if first, dup := seen[k]; dup {
				c.add(rn, idCol, "%s has a second %s row (the first is row %d): keep one", resp.ID, resp.Time, first)
			} else {
				seen[k] = rn
			}
		}
		rows = append(rows, resp)
		for k, in := range ins {
			lo, hi := *in.Range.Min, *in.Range.Max
			allowed := fmt.Sprintf("a whole number from %d to %d, or an empty cell if unanswered", lo, hi)
			n := len(in.Items)
			vals := blocks[k][r*n : (r+1)*n : (r+1)*n]
			for i, col := range cols[k] {
				v, msg := parseResponse(sh.cell(row, col), lo, hi, allowed)
				if msg != "" {
					c.add(rn, col, "%s", msg)
				}
				vals[i] = v
			}
			resp.Values = vals
			out[k] = append(out[k], resp)
		}
	}
	c.checkPairing(rows, seen, idCol)
	if len(sh.Rows) == 0 {
		c.add(0, -1, "the file has a header but no data rows")
	}
	if len(c.ps) > 0 {
		return nil, c.list()
	}
	return out, c.list()
}

type timeKey struct{ id, time string }

// checkTime reports a time cell that is empty or not a label.
func (c *sheetCheck) checkTime(row, col int, t, raw string) bool {
	switch {
	case t == "":
		c.add(row, col, "the time is empty: use pre, post or a follow-up label such as fu3")
		return false
	case !ValidTimeLabel(t):
		c.add(row, col, "time %q is not a time label: use pre, post or a follow-up label of letters and digits without spaces, such as fu3", raw)
		return false
	}
	return true
}

// checkPairing asks every respondent for both a pre and a post row, and a
// pre row for every follow-up row. An unanswered time point is a row with
// empty item cells, so a missing row is more likely a slip (a mistyped id or
// time).
func (c *sheetCheck) checkPairing(rows []Response, seen map[timeKey]int, idCol int) {
	for _, r := range rows {
		if r.ID == "" || seen[timeKey{r.ID, r.Time}] != r.Row {
			continue // no id, a bad time, or a repeated row: reported already
		}
		var need string
		switch r.Time {
		case TimePre:
			need = TimePost
		default:
			need = TimePre
		}
		if _, ok := seen[timeKey{r.ID, need}]; !ok {
			c.add(r.Row, idCol, "%s has a %s row but no %s row: add one (leave its item cells empty if the respondent did not answer; they are then left out with a warning)", r.ID, r.Time, need)
		}
	}
}

// parseResponse reads one item cell; msg is non-empty when it is bad.
func parseResponse(s string, lo, hi int, allowed string) (v float64, msg string) {
	if s == "" {
		return math.NaN(), ""
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return math.NaN(), fmt.Sprintf("%q is not a number: give %s", s, allowed)
	}
	if x != math.Trunc(x) {
		return math.NaN(), fmt.Sprintf("%s is not a whole number: give %s", s, allowed)
	}
	if x < float64(lo) || x > float64(hi) {
		return math.NaN(), fmt.Sprintf("%s is outside the response range %d to %d: give %s", s, lo, hi, allowed)
	}
	return x, ""
}

func delimiterHint(sh *Sheet) string {
	if len(sh.Header) == 1 {
		return " (only one column was found: mixeval reads comma, semicolon or tab separated files; check the file's delimiter)"
	}
	return ""
}

// Times lists the time points of responses: pre and post first when
// present, then the others in the order they first appear.
func Times(rs []Response) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range []string{TimePre, TimePost} {
		for _, r := range rs {
			if r.Time == t {
				out = append(out, t)
				seen[t] = true
				break
			}
		}
	}
	for _, r := range rs {
		if !seen[r.Time] {
			seen[r.Time] = true
			out = append(out, r.Time)
		}
	}
	return out
}

// ScorePairs scores one score of an instrument for every respondent and
// pairs pre with post by id, in the order the ids first appear. A score
// with too many unanswered items is NaN, which Analyze excludes with a
// warning.
func ScorePairs(in *Instrument, s *Score, rs []Response) []Pair {
	return ScoreTimePair(in, s, rs, TimePre, TimePost)
}

// ScoreTimePair is ScorePairs for any two time points: from is the pair's
// Pre and to its Post. Respondents with neither time point are left out;
// those with one of them get NaN for the other.
func ScoreTimePair(in *Instrument, s *Score, rs []Response, from, to string) []Pair {
	index := map[string]int{}
	var pairs []Pair
	for _, r := range rs {
		if r.Time != from && r.Time != to {
			continue
		}
		i, ok := index[r.ID]
		if !ok {
			i = len(pairs)
			index[r.ID] = i
			pairs = append(pairs, Pair{ID: r.ID, Pre: math.NaN(), Post: math.NaN()})
		}
		v := in.ComputeValues(s, r.Values)
		if r.Time == from {
			pairs[i].Pre = v
		} else {
			pairs[i].Post = v
		}
	}
	return pairs
}
