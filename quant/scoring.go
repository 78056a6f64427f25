package quant

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Time points of item-level data.
const (
	TimePre  = "pre"
	TimePost = "post"
)

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
// is listed at once: missing id, time or item columns, a time other than pre
// or post, a non-numeric, fractional or out-of-range response, an id and
// time given twice, and an id with a pre row but no post row (or the
// reverse). An empty cell is an unanswered item.
func ReadResponses(sh *Sheet, in *Instrument) ([]Response, error) {
	var ps Problems
	add := func(row int, col, format string, args ...any) {
		ps = append(ps, Problem{File: sh.File, Row: row, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
	if sh.IsTotals() {
		return nil, Problems{{File: sh.File, Msg: "this is a totals file (id, pre, post columns); totals files are analysed with 'mixeval quant rci', while a study measure needs item-level data: columns id, time (pre or post) and the item keys"}}
	}
	idCol, timeCol := sh.columnIndex("id"), sh.columnIndex("time")
	if idCol < 0 {
		add(1, "", "no \"id\" column: the header needs id, time and the item columns; found %s%s", sh.headerList(), delimiterHint(sh))
	}
	if timeCol < 0 {
		add(1, "", "no \"time\" column (pre or post on each row); found %s%s", sh.headerList(), delimiterHint(sh))
	}
	cols := make([]int, len(in.Items))
	var missing []string
	for i, it := range in.Items {
		cols[i] = sh.columnIndex(it)
		if cols[i] < 0 {
			missing = append(missing, it)
		}
	}
	if len(missing) > 0 {
		add(1, "", "%d item column(s) of %s are missing: %s; found %s%s", len(missing), in.Name, strings.Join(missing, ", "), sh.headerList(), delimiterHint(sh))
	}
	if len(ps) > 0 {
		return nil, ps
	}
	for i, h := range sh.Header {
		for j := 0; j < i; j++ {
			if strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(sh.Header[j])) && strings.TrimSpace(h) != "" {
				add(1, sh.columnName(i), "column %q appears twice (also column %s): keep one", strings.TrimSpace(h), sh.columnName(j))
			}
		}
	}
	lo, hi := *in.Range.Min, *in.Range.Max
	allowed := fmt.Sprintf("a whole number from %d to %d, or an empty cell if unanswered", lo, hi)
	out := make([]Response, 0, len(sh.Rows))
	type key struct{ id, time string }
	seen := map[key]int{}
	for k, row := range sh.Rows {
		rn := sh.RowNums[k]
		if len(row) > len(sh.Header) && !isBlank(row[len(sh.Header):]) {
			add(rn, "", "the row has %d cells but the header only %d columns; check the delimiter and quotes", len(row), len(sh.Header))
		}
		r := Response{ID: sh.cell(row, idCol), Time: strings.ToLower(sh.cell(row, timeCol)), Row: rn, Values: make([]float64, len(in.Items))}
		if r.ID == "" {
			add(rn, sh.columnName(idCol), "the respondent id is empty")
		}
		switch r.Time {
		case TimePre, TimePost:
		default:
			add(rn, sh.columnName(timeCol), "time %q is not known: use pre or post", sh.cell(row, timeCol))
		}
		if r.ID != "" && (r.Time == TimePre || r.Time == TimePost) {
			kk := key{r.ID, r.Time}
			if first, dup := seen[kk]; dup {
				add(rn, sh.columnName(idCol), "%s has a second %s row (the first is row %d): keep one", r.ID, r.Time, first)
			} else {
				seen[kk] = rn
			}
		}
		for i, c := range cols {
			v, msg := parseResponse(sh.cell(row, c), lo, hi, allowed)
			if msg != "" {
				add(rn, sh.columnName(c), "%s", msg)
			}
			r.Values[i] = v
		}
		out = append(out, r)
	}
	// Every respondent needs both rows; an unanswered time point is a row
	// with empty item cells, so a missing row is more likely a slip.
	for _, r := range out {
		other := TimePost
		if r.Time == TimePost {
			other = TimePre
		} else if r.Time != TimePre {
			continue
		}
		if _, ok := seen[key{r.ID, other}]; !ok && r.ID != "" && seen[key{r.ID, r.Time}] == r.Row {
			add(r.Row, sh.columnName(idCol), "%s has a %s row but no %s row: add one (leave its item cells empty if the respondent did not answer; they are then left out with a warning)", r.ID, r.Time, other)
		}
	}
	if len(sh.Rows) == 0 {
		add(0, "", "the file has a header but no data rows")
	}
	if len(ps) > 0 {
		return nil, capProblems(ps)
	}
	return out, nil
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

func capProblems(ps Problems) Problems {
	if len(ps) <= maxProblems {
		return ps
	}
	rest := len(ps) - maxProblems
	ps = ps[:maxProblems:maxProblems]
	return append(ps, Problem{File: ps[0].File, Msg: fmt.Sprintf("and %d more problems (fix the ones above first)", rest)})
}

// ScorePairs scores one score of an instrument for every respondent and
// pairs pre with post by id, in the order the ids first appear. A score
// with too many unanswered items is NaN, which Analyze excludes with a
// warning.
func ScorePairs(in *Instrument, s *Score, rs []Response) []Pair {
	index := map[string]int{}
	var pairs []Pair
	for _, r := range rs {
		i, ok := index[r.ID]
		if !ok {
			i = len(pairs)
			index[r.ID] = i
			pairs = append(pairs, Pair{ID: r.ID, Pre: math.NaN(), Post: math.NaN()})
		}
		v := in.ComputeValues(s, r.Values)
		if r.Time == TimePre {
			pairs[i].Pre = v
		} else {
			pairs[i].Post = v
		}
	}
	return pairs
}
