package triangulate

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/thematic/agree"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// Input is what a study agreement is computed from.
type Input struct {
	// Documents are the study's documents; each is one unit per code.
	Documents []corpus.Document
	// Codebook gives the codes in order and the themes to roll them up to;
	// nil when the study has no codebook yet (then the codes are those the
	// coders used, and there are no themes).
	Codebook *codebook.Codebook
	// Coders' codings, two or more, in column order.
	Coders []*coding.File
	// Codes, when not empty, limits the analysis to these codes.
	Codes []string
}

// Options tune the computation.
type Options struct {
	// Bootstrap, when at least 100, asks for a percentile bootstrap interval
	// for each alpha with this many replicates (agree.BootstrapAlpha).
	Bootstrap int
	// Progress, when set, is called during bootstrapping with the number of
	// replicates drawn so far over all the intervals.
	Progress func(replicates int)
	Seed     uint64
	// Confidence of the interval; 0 means 0.95.
	Confidence float64

	before *int // replicates drawn by the intervals finished, for Progress
}

// Stats are the coefficients for one code, one theme, or the pooled units.
type Stats struct {
	ID   string `json:"id"`
	Name string `json:"name,omitempty"`
	// Kind is "code", "theme" or "pooled".
	Kind string `json:"kind"`
	// InCodebook is false for a code that coders used but the codebook does
	// not hold.
	InCodebook bool `json:"in_codebook"`
	// Codes is how many codes a theme rolls up (or the pooled value pools).
	Codes int `json:"codes,omitempty"`
	// Table is the 2×2 table over the documents both coders reviewed (two
	// coders only).
	Table *Table `json:"table,omitempty"`
	// Units is the number of units rated by at least two coders.
	Units int `json:"units"`
	// Present counts, per coder, the documents where they applied the code.
	Present []int `json:"present"`

	PercentAgreement agree.Result `json:"percent_agreement"`
	// Kappa is Cohen's kappa for two coders, Light's kappa (mean pairwise
	// Cohen) for three or more.
	Kappa       agree.Result `json:"kappa"`
	KappaName   string       `json:"kappa_name"`
	FleissKappa agree.Result `json:"fleiss_kappa"`
	Alpha       agree.Result `json:"krippendorff_alpha"`
	AC1         agree.Result `json:"gwet_ac1"`
	// AlphaCI is the bootstrap interval for Alpha when asked for and alpha is
	// defined.
	AlphaCI *agree.ConfidenceInterval `json:"alpha_interval,omitempty"`
	// Notes say why a value is undefined, or that the code is not in the
	// codebook.
	Notes []string `json:"notes,omitempty"`
}

// Table is the 2×2 table of two coders' presence values over the
// documents both reviewed: Both applied the code, OnlyA / OnlyB one of
// them, Neither. Documents only one coder reviewed are counted apart.
type Table struct {
	Both    int `json:"both"`
	OnlyA   int `json:"only_a"`
	OnlyB   int `json:"only_b"`
	Neither int `json:"neither"`
}

// Mean is a macro mean across codes of one coefficient.
type Mean struct {
	Value   float64 `json:"value"`
	Defined bool    `json:"-"`
	// Used is the number of codes with the coefficient defined; Undefined
	// the number left out because it was 0/0 for them.
	Used      int `json:"codes_used"`
	Undefined int `json:"codes_undefined"`
}

// Macro holds the macro means across codes.
type Macro struct {
	PercentAgreement Mean `json:"percent_agreement"`
	Kappa            Mean `json:"kappa"`
	Alpha            Mean `json:"krippendorff_alpha"`
	AC1              Mean `json:"gwet_ac1"`
}

// UnknownCode is a code that a coder used but the codebook does not hold.
type UnknownCode struct {
	Code     string         `json:"code"`
	Segments map[string]int `json:"segments"` // per coder
}

// Report is the study agreement.
type Report struct {
	Coders    []string `json:"coders"`
	Documents int      `json:"documents"`
	// Reviewed counts the documents each coder reviewed; ReviewedByAll
	// those every coder reviewed.
	Reviewed      []int         `json:"reviewed"`
	ReviewedByAll int           `json:"reviewed_by_all"`
	Codes         []Stats       `json:"codes"`
	Themes        []Stats       `json:"themes"`
	Macro         Macro         `json:"macro_mean"`
	Pooled        Stats         `json:"pooled"`
	Unknown       []UnknownCode `json:"unknown_codes"`
	// OutsideStudy counts segments on documents the study does not hold;
	// they are left out (mixeval validate lists them).
	OutsideStudy int `json:"segments_outside_study"`
	// Pairs, with three or more coders, gives each pair's Cohen's kappa
	// (macro mean and pooled) and pooled alpha.
	Pairs     []Pair `json:"pairs,omitempty"`
	Bootstrap int    `json:"bootstrap_replicates,omitempty"`
	Seed      uint64 `json:"bootstrap_seed,omitempty"`
}

// Pair is one pair of coders' agreement when there are three or more.
type Pair struct {
	Coders      [2]string    `json:"coders"`
	MacroKappa  Mean         `json:"macro_mean_cohen_kappa"`
	PooledKappa agree.Result `json:"pooled_cohen_kappa"`
	PooledAlpha agree.Result `json:"pooled_krippendorff_alpha"`
}

// presence holds, per coder, which documents they reviewed and, per code,
// where they applied it: the whole study as bit-like byte slices indexed by
// document, so that a code's units are read without maps.
type presence struct {
	docs     int
	reviewed [][]bool            // coder → document
	applied  []map[string][]bool // coder → code → document
	outside  int
	used     map[string]map[string]int // code → coder → segments
}

func buildPresence(in Input) *presence {
	p := &presence{docs: len(in.Documents), used: map[string]map[string]int{}}
	find := newDocFinder(in.Documents)
	for _, f := range in.Coders {
		find.restart()
		rev := make([]bool, p.docs)
		for _, id := range f.Reviewed {
			if i, ok := find.find(id); ok {
				rev[i] = true
			}
		}
		find.restart()
		// One map look-up per code applied, not three; the counts go to
		// p.used once per code at the end.
		type column struct {
			docs     []bool
			segments int
		}
		cols := map[string]*column{}
		// Segments come sorted by document, so a document's index is
		// looked up once for all its segments.
		lastDoc, i, ok := "", 0, false
		for _, s := range f.Segments {
			if s.Document != lastDoc || lastDoc == "" {
				lastDoc = s.Document
				i, ok = find.find(s.Document)
			}
			if !ok {
				p.outside++
				continue
			}
			rev[i] = true
			for _, c := range s.Codes {
				col := cols[c]
				if col == nil {
					col = &column{docs: make([]bool, p.docs)}
					cols[c] = col
				}
				col.docs[i] = true
				col.segments++
			}
		}
		app := make(map[string][]bool, len(cols))
		for c, col := range cols {
			app[c] = col.docs
			if p.used[c] == nil {
				p.used[c] = map[string]int{}
			}
			p.used[c][f.Coder] += col.segments
		}
		p.reviewed = append(p.reviewed, rev)
		p.applied = append(p.applied, app)
	}
	return p
}

// docFinder gives a document's position in a study's documents. They come
// sorted by id (corpus.LoadDocuments), and so do a coding's reviewed list
// and segments, so the finder walks forward through the documents as the ids
// asked for advance: no map of 100,000 ids to build and hash into. Ids asked
// out of order restart the walk with a binary search; documents not sorted
// fall back to a map.
type docFinder struct {
	docs  []corpus.Document
	pos   int
	index map[string]int
}

func newDocFinder(docs []corpus.Document) *docFinder {
	f := &docFinder{docs: docs}
	for i := 1; i < len(docs); i++ {
		if docs[i-1].ID >= docs[i].ID {
			f.index = make(map[string]int, len(docs))
			for i, d := range docs {
				f.index[d.ID] = i
			}
			break
		}
	}
	return f
}

// restart goes back to the first document, for a new sorted list of ids.
func (f *docFinder) restart() { f.pos = 0 }

func (f *docFinder) find(id string) (int, bool) {
	if f.index != nil {
		i, ok := f.index[id]
		return i, ok
	}
	if f.pos > 0 && id < f.docs[f.pos-1].ID {
		f.pos = sort.Search(len(f.docs), func(i int) bool { return f.docs[i].ID >= id })
	}
	for f.pos < len(f.docs) && f.docs[f.pos].ID < id {
		f.pos++
	}
	if f.pos < len(f.docs) && f.docs[f.pos].ID == id {
		return f.pos, true
	}
	return 0, false
}

// value is coder c's presence value for document d given the code's
// columns (nil when the coder never used the code).
func (p *presence) value(c, d int, cols [][]bool) float64 {
	if !p.reviewed[c][d] {
		return math.NaN()
	}
	for _, col := range cols {
		if col != nil && col[d] {
			return 1
		}
	}
	return 0
}

// Study computes agreement on document × code presence for every code, every
// theme and overall.
func Study(in Input, opt Options) (*Report, error) {
	if len(in.Coders) < 2 {
		return nil, fmt.Errorf("agreement needs at least two coders, got %d", len(in.Coders))
	}
	if len(in.Documents) == 0 {
		return nil, errors.New("the study has no documents: import the feedback forms first")
	}
	names := make([]string, len(in.Coders))
	for i, f := range in.Coders {
		names[i] = f.Coder
	}
	opt.start()
	p := buildPresence(in)
	rep := &Report{Coders: names, Documents: p.docs, OutsideStudy: p.outside, Bootstrap: opt.Bootstrap, Seed: opt.Seed}
	if opt.Bootstrap > 0 {
		if opt.Bootstrap < 100 {
			return nil, fmt.Errorf("%d bootstrap replicates are too few for a percentile interval: use at least 1000", opt.Bootstrap)
		}
		if opt.Confidence == 0 {
			opt.Confidence = 0.95
		}
	} else {
		rep.Seed = 0
	}
	for c := range in.Coders {
		rep.Reviewed = append(rep.Reviewed, countTrue(p.reviewed[c]))
	}
	for d := 0; d < p.docs; d++ {
		all := true
		for c := range in.Coders {
			all = all && p.reviewed[c][d]
		}
		if all {
			rep.ReviewedByAll++
		}
	}
	codes, inBook, err := codeList(in, p)
	if err != nil {
		return nil, err
	}
	rep.Unknown = unknownCodes(in.Codebook, p)
	if rep.Unknown == nil {
		rep.Unknown = []UnknownCode{}
	}

	// Every matrix is built from counts of unit patterns rather than one
	// row per document: the statistics are the same (agree.AddUnits) and
	// the work no longer grows with documents × codes.
	pooled := newUnitPatterns(len(names))
	values := make([]float64, len(names))
	cols := make([][]bool, len(names))
	var pooledTable Table
	for _, code := range codes {
		for c := range names {
			cols[c] = p.applied[c][code]
		}
		counts := newUnitPatterns(len(names))
		var tab Table
		for d := 0; d < p.docs; d++ {
			for c := range names {
				values[c] = p.value(c, d, cols[c:c+1])
			}
			counts.add(values)
			if len(names) == 2 {
				tab.add(values[0], values[1])
			}
		}
		pooled.addAll(counts)
		s := stats(counts.matrix(names), opt)
		if s.Table != nil {
			*s.Table = tab
			pooledTable.Both += tab.Both
			pooledTable.OnlyA += tab.OnlyA
			pooledTable.OnlyB += tab.OnlyB
			pooledTable.Neither += tab.Neither
		}
		s.ID, s.Kind, s.InCodebook = code, "code", inBook[code]
		if in.Codebook != nil {
			if n := in.Codebook.Find(code); n != nil {
				s.Name = n.Name
			} else {
				s.Notes = append(s.Notes, "not in the codebook")
			}
		}
		s.Present = presentCounts(p, cols)
		rep.Codes = append(rep.Codes, s)
	}
	rep.Themes = themeStats(in, p, codes, opt)
	rep.Pooled = stats(pooled.matrix(names), opt)
	if rep.Pooled.Table != nil {
		*rep.Pooled.Table = pooledTable
	}
	rep.Pooled.ID, rep.Pooled.Kind, rep.Pooled.Codes = "pooled", "pooled", len(codes)
	rep.Pooled.Name = "all document × code units in one matrix"
	rep.Macro = macro(rep.Codes)
	if len(in.Coders) > 2 {
		for i := range in.Coders {
			for j := i + 1; j < len(in.Coders); j++ {
				sub := in
				sub.Coders = []*coding.File{in.Coders[i], in.Coders[j]}
				pr, err := Study(sub, Options{})
				if err != nil {
					return nil, err
				}
				rep.Pairs = append(rep.Pairs, Pair{Coders: [2]string{names[i], names[j]}, MacroKappa: pr.Macro.Kappa, PooledKappa: pr.Pooled.Kappa, PooledAlpha: pr.Pooled.Alpha})
			}
		}
	}
	return rep, nil
}

func countTrue(xs []bool) int {
	n := 0
	for _, x := range xs {
		if x {
			n++
		}
	}
	return n
}

func presentCounts(p *presence, cols [][]bool) []int {
	out := make([]int, len(cols))
	for c, col := range cols {
		if col != nil {
			out[c] = countTrue(col)
		}
	}
	return out
}

// CheckCodes reports codes asked for that are neither in the codebook nor
// used by any coder, as Study would, without computing anything.
func CheckCodes(in Input) error {
	p := &presence{used: map[string]map[string]int{}}
	for _, f := range in.Coders {
		for _, s := range f.Segments {
			for _, c := range s.Codes {
				if p.used[c] == nil {
					p.used[c] = map[string]int{}
				}
				p.used[c][f.Coder]++
			}
		}
	}
	_, _, err := codeList(in, p)
	return err
}

// codeList returns the codes to analyse: the codebook's codes in its order,
// then codes used but not in the codebook, sorted; or the codes asked for.
func codeList(in Input, p *presence) ([]string, map[string]bool, error) {
	inBook := map[string]bool{}
	var codes []string
	if in.Codebook != nil {
		for _, n := range in.Codebook.AllCodes() {
			codes = append(codes, n.ID)
			inBook[n.ID] = true
		}
	}
	var extra []string
	for c := range p.used {
		if !inBook[c] {
			extra = append(extra, c)
		}
	}
	sort.Strings(extra)
	codes = append(codes, extra...)
	if in.Codebook == nil {
		for _, c := range codes {
			inBook[c] = true // nothing to be missing from
		}
	}
	if len(in.Codes) == 0 {
		return codes, inBook, nil
	}
	var out, unknown []string
	for _, c := range in.Codes {
		if slices.Contains(codes, c) {
			out = append(out, c)
		} else {
			unknown = append(unknown, c)
		}
	}
	if len(unknown) > 0 {
		return nil, nil, fmt.Errorf("code %s is neither in the codebook nor used by any coder; known codes: %s", quoteJoin(unknown), quoteJoin(codes))
	}
	return out, inBook, nil
}

func quoteJoin(xs []string) string {
	if len(xs) == 0 {
		return "(none)"
	}
	out := ""
	for i, x := range xs {
		if i > 0 {
			out += ", "
		}
		out += fmt.Sprintf("%q", x)
	}
	return out
}

func unknownCodes(cb *codebook.Codebook, p *presence) []UnknownCode {
	if cb == nil {
		return nil
	}
	out := []UnknownCode{}
	for c, per := range p.used {
		if !cb.IsCode(c) {
			out = append(out, UnknownCode{Code: c, Segments: per})
		}
	}
	slices.SortFunc(out, func(a, b UnknownCode) int {
		if a.Code < b.Code {
			return -1
		}
		if a.Code > b.Code {
			return 1
		}
		return 0
	})
	return out
}

// themeStats rolls each code's presence up to every theme above it: a
// coder's value for a theme is 1 when they applied any code under it in the
// document.
func themeStats(in Input, p *presence, codes []string, opt Options) []Stats {
	if in.Codebook == nil {
		return nil
	}
	selected := map[string]bool{}
	for _, c := range codes {
		selected[c] = true
	}
	names := make([]string, len(in.Coders))
	for i, f := range in.Coders {
		names[i] = f.Coder
	}
	var out []Stats
	in.Codebook.Walk(func(n, _ *codebook.Node) bool {
		if n.Kind != codebook.Theme {
			return true
		}
		var under []string
		for _, c := range in.Codebook.CodesUnder(n.ID) {
			if selected[c.ID] {
				under = append(under, c.ID)
			}
		}
		if len(under) == 0 {
			return true
		}
		counts := newUnitPatterns(len(names))
		values := make([]float64, len(names))
		colsByCoder := make([][][]bool, len(names))
		for c := range names {
			for _, code := range under {
				colsByCoder[c] = append(colsByCoder[c], p.applied[c][code])
			}
		}
		present := make([]int, len(names))
		var tab Table
		for d := 0; d < p.docs; d++ {
			for c := range names {
				values[c] = p.value(c, d, colsByCoder[c])
				if values[c] == 1 {
					present[c]++
				}
			}
			counts.add(values)
			if len(names) == 2 {
				tab.add(values[0], values[1])
			}
		}
		s := stats(counts.matrix(names), opt)
		if s.Table != nil {
			*s.Table = tab
		}
		s.ID, s.Name, s.Kind, s.InCodebook, s.Codes, s.Present = n.ID, n.Name, "theme", true, len(under), present
		out = append(out, s)
		return true
	})
	return out
}

// stats computes the coefficients of one matrix with categories {0, 1}.
func stats(m *agree.Matrix, opt Options) Stats {
	sum := agree.Summarize(m, agree.Nominal)
	s := Stats{
		PercentAgreement: sum.PercentAgreement,
		FleissKappa:      sum.FleissKappaMissing,
		Alpha:            sum.Alpha[agree.Nominal],
		AC1:              sum.GwetAC1,
		Units:            sum.PercentAgreement.Units,
	}
	if sum.Coders == 2 {
		s.Kappa, s.KappaName = sum.CohenKappa, "Cohen's kappa"
		s.Table = &Table{}
	} else {
		s.Kappa, s.KappaName = sum.LightKappa, "Light's kappa"
	}
	for _, r := range []agree.Result{s.Kappa, s.Alpha, s.AC1} {
		if !r.Defined && r.Note != "" && !slices.Contains(s.Notes, r.Note) {
			s.Notes = append(s.Notes, r.Note)
		}
	}
	if opt.Bootstrap >= 100 && s.Alpha.Defined {
		iv, err := agree.BootstrapAlphaProgress(m, agree.Nominal, opt.Bootstrap, opt.Confidence, opt.Seed, opt.progress)
		if err == nil {
			s.AlphaCI = &iv
		}
		opt.drawn(opt.Bootstrap)
	}
	return s
}

// add counts one unit's two values in the 2×2 table; a unit either coder
// did not rate is not in it.
func (t *Table) add(a, b float64) {
	if t == nil || math.IsNaN(a) || math.IsNaN(b) {
		return
	}
	switch {
	case a == 1 && b == 1:
		t.Both++
	case a == 1:
		t.OnlyA++
	case b == 1:
		t.OnlyB++
	default:
		t.Neither++
	}
}

func macro(codes []Stats) Macro {
	pick := func(f func(Stats) agree.Result) Mean {
		var m Mean
		sum := 0.0
		for _, s := range codes {
			r := f(s)
			if r.Defined {
				sum += r.Value
				m.Used++
			} else {
				m.Undefined++
			}
		}
		if m.Used > 0 {
			m.Value, m.Defined = sum/float64(m.Used), true
		}
		return m
	}
	return Macro{
		PercentAgreement: pick(func(s Stats) agree.Result { return s.PercentAgreement }),
		Kappa:            pick(func(s Stats) agree.Result { return s.Kappa }),
		Alpha:            pick(func(s Stats) agree.Result { return s.Alpha }),
		AC1:              pick(func(s Stats) agree.Result { return s.AC1 }),
	}
}

// start prepares the cumulative progress count of one Study call.
func (o *Options) start() {
	if o.Progress != nil {
		o.before = new(int)
	}
}

// progress reports done replicates of the interval being drawn, on top of
// those of the intervals drawn before it.
func (o Options) progress(done int) {
	if o.Progress != nil && o.before != nil {
		o.Progress(*o.before + done)
	}
}

// drawn adds one finished interval's replicates to the count.
func (o Options) drawn(n int) {
	if o.before != nil {
		*o.before += n
	}
}
