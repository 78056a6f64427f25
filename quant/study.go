package quant

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/mixeval/mixeval/internal/problem"
	"github.com/mixeval/mixeval/internal/yamlutil"
	"github.com/mixeval/mixeval/study"
)

// RunStudy analyses every measure of a study's manifest, in manifest order.
// Each measure's instrument (built in, or a YAML file in the study folder)
// scores its data file; pre and post are paired by respondent id; and the
// analysis uses the measure's criterion (default c), reliability and
// direction (the manifest's, else the instrument's), z (default 1.96), norm
// (the manifest's, else the instrument's) and clinical distribution (the
// manifest's, else the sample's own pre scores).
//
// All problems of all measures are returned together as a *problem.List,
// each once and in file order; nothing is returned for a study with any
// problem.
func RunStudy(s *study.Study) ([]MeasureResult, error) { return RunStudyWith(s, StudyOptions{}) }

// StudyOptions override the manifest's choices for every measure of a
// study; zero fields leave each measure's own.
type StudyOptions struct {
	// Method replaces every measure's reliable change method.
	Method Method
	// Compat, Categories and Percentage apply to every measure.
	Compat     Compat
	Categories Categories
	Percentage *Thresholds
	// From and To analyse this one pair of time points for every measure,
	// in place of the manifest's pairs (both or neither).
	From, To string
}

// RunStudyWith is RunStudy with choices that apply to every measure.
func RunStudyWith(s *study.Study, o StudyOptions) ([]MeasureResult, error) {
	if len(s.Manifest.Measures) == 0 {
		return nil, fmt.Errorf("%s has no measures: add a \"measures:\" list (see docs/instruments.md)", s.ManifestPath())
	}
	if (o.From == "") != (o.To == "") || o.From != "" && o.From == o.To {
		return nil, fmt.Errorf("a pair of time points needs two different ones (from %q, to %q)", o.From, o.To)
	}
	r := newStudyRun(s, o)
	out := r.run()
	if err := r.list().Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// CheckStudy checks a study's measures and score files as RunStudy does,
// without producing any output: the instruments resolve, every data file
// reads and fits its instruments (item values in range, ids and time
// points complete), and every measure can be analysed (a reliability, a
// norm where the criterion needs one). It returns the problems (an empty
// list for a study without measures) and the warnings an analysis would
// give, each prefixed with its measure's name.
func CheckStudy(s *study.Study) (problem.List, []string) {
	r := newStudyRun(s, StudyOptions{})
	var warnings []string
	for _, m := range r.run() {
		for _, res := range m.Results() {
			for _, w := range res.Warnings {
				warnings = append(warnings, m.Name+": "+w)
			}
		}
	}
	return r.list(), warnings
}

// studyRun analyses a study's measures, reading each data file once and
// checking it once against every instrument that reads it.
type studyRun struct {
	s        *study.Study
	opt      StudyOptions
	problems []*problem.Problem
	more     int
	files    map[string]*dataFile // by path
	prepared []*preparedMeasure   // by measure; nil when it cannot be run
}

// dataFile is one data file of the study, shared by every measure that
// names it.
type dataFile struct {
	name      string // as the manifest writes it
	sheet     *Sheet // nil when it could not be read
	insts     []*Instrument
	responses map[string][]Response // by instrumentKey
	layout    *rowLayout            // who and when each row is
}

// rowLayout says whose and which time point each row of an item-level file
// is; every instrument's responses come in this row order.
type rowLayout struct {
	times []string
	ids   []string // respondents in the order they first appear
	who   []int    // by row: index into ids
	when  []int    // by row: index into times
}

func newRowLayout(rs []Response) *rowLayout {
	l := &rowLayout{times: Times(rs), who: make([]int, len(rs)), when: make([]int, len(rs))}
	at := map[string]int{}
	for k, t := range l.times {
		at[t] = k
	}
	index := make(map[string]int, len(rs)/2)
	for i, r := range rs {
		j, ok := index[r.ID]
		if !ok {
			j = len(l.ids)
			index[r.ID] = j
			l.ids = append(l.ids, r.ID)
		}
		l.who[i], l.when[i] = j, at[r.Time]
	}
	return l
}

type preparedMeasure struct {
	inst  *Instrument
	score *Score
	file  *dataFile
}

func newStudyRun(s *study.Study, o StudyOptions) *studyRun {
	return &studyRun{s: s, opt: o, files: map[string]*dataFile{}}
}

func (r *studyRun) run() []MeasureResult {
	ms := r.s.Manifest.Measures
	r.prepared = make([]*preparedMeasure, len(ms))
	for i := range ms {
		r.prepared[i] = r.prepare(i)
	}
	r.checkFiles()
	var out []MeasureResult
	for i := range ms {
		if res := r.measure(i); res != nil {
			out = append(out, *res)
		}
	}
	return out
}

// add records problems from err: a problem list, YAML errors with their
// positions, or a plain error placed at a key of measure i.
func (r *studyRun) add(i int, key string, err error) {
	if l := problem.Of(err); l != nil {
		listed, more := l.Split()
		r.problems = append(r.problems, listed...)
		r.more += more
		return
	}
	r.at(i, key, "measure %s: %v", r.s.Manifest.Measures[i].Name, err)
}

// at positions a problem at a key of measure i in mixeval.yaml.
func (r *studyRun) at(i int, key string, format string, args ...any) {
	path := []any{"measures", i}
	if key != "" {
		path = append(path, key)
	}
	n := yamlutil.Lookup(r.s.Root, path...)
	if n == nil {
		n = yamlutil.Lookup(r.s.Root, "measures", i)
	}
	r.problems = append(r.problems, yamlutil.At(r.s.ManifestPath(), n, format, args...))
}

// list returns the problems grouped by file (the manifest first, then each
// file in the order it was first reported), each file's in line and row
// order.
func (r *studyRun) list() problem.List {
	rank := map[string]int{r.s.ManifestPath(): 0}
	for _, p := range r.problems {
		if _, ok := rank[p.File]; !ok {
			rank[p.File] = len(rank)
		}
	}
	ps := slices.Clone(r.problems)
	slices.SortStableFunc(ps, func(a, b *problem.Problem) int {
		return cmp.Or(cmp.Compare(rank[a.File], rank[b.File]), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Row, b.Row))
	})
	return problem.List(ps).AndMore(r.more)
}

// prepare resolves measure i's instrument and score and registers its data
// file; nil when the measure cannot be run.
func (r *studyRun) prepare(i int) *preparedMeasure {
	m := r.s.Manifest.Measures[i]
	inst, err := ResolveInstrument(m.Instrument, r.s.Dir)
	if err != nil {
		r.add(i, "instrument", err)
		return nil
	}
	score, err := inst.Score(m.Subscale)
	if err != nil {
		key := "subscale"
		if m.Subscale == "" {
			key = "instrument"
		}
		r.add(i, key, err)
		return nil
	}
	f := r.file(i, m)
	if f == nil {
		return nil
	}
	if !f.sheet.IsTotals() && !slices.ContainsFunc(f.insts, func(x *Instrument) bool { return instrumentKey(x) == instrumentKey(inst) }) {
		f.insts = append(f.insts, inst)
	}
	return &preparedMeasure{inst: inst, score: score, file: f}
}

// file reads a data file once; nil when it cannot be read (reported once).
func (r *studyRun) file(i int, m study.Measure) *dataFile {
	path := r.s.Path(m.Data)
	if f, ok := r.files[path]; ok {
		if f.sheet == nil {
			return nil
		}
		return f
	}
	f := &dataFile{name: m.Data, responses: map[string][]Response{}}
	r.files[path] = f
	sh, err := readSheet(path, m.Data)
	if err != nil {
		r.add(i, "data", err)
		return nil
	}
	f.sheet = sh
	return f
}

// checkFiles checks each item-level data file once against all the
// instruments that read it.
func (r *studyRun) checkFiles() {
	seen := map[*dataFile]bool{}
	for _, p := range r.prepared {
		if p == nil || seen[p.file] || p.file.sheet.IsTotals() {
			continue
		}
		seen[p.file] = true
		rs, l := readResponses(p.file.sheet, p.file.insts)
		if l.Len() > 0 {
			listed, more := l.Split()
			r.problems = append(r.problems, listed...)
			r.more += more
			continue
		}
		for k, in := range p.file.insts {
			p.file.responses[instrumentKey(in)] = rs[k]
		}
		if len(rs) > 0 {
			p.file.layout = newRowLayout(rs[0])
		}
	}
}

func instrumentKey(in *Instrument) string { return in.Name + "\x00" + in.File }

func (r *studyRun) measure(i int) *MeasureResult {
	p := r.prepared[i]
	if p == nil {
		return nil
	}
	m := r.s.Manifest.Measures[i]
	opt, src, ok := r.options(i, m, p.score)
	if !ok {
		return nil
	}
	var out *MeasureResult
	sc := r.scores(p)
	for _, tp := range r.pairsOf(m) {
		pairs, ok := r.pairs(i, m, p, sc, tp)
		if !ok {
			return nil
		}
		opt.From, opt.To = tp.From, tp.To
		res, err := Analyze(pairs, opt)
		if err != nil {
			name := m.Name
			if tp.From != TimePre || tp.To != TimePost {
				name += fmt.Sprintf(" (%s to %s)", tp.From, tp.To)
			}
			r.at(i, "", "measure %s: %v", name, err)
			return nil
		}
		res.Warnings = append(res.Warnings, rangeWarnings(res, p.inst, p.score)...)
		if out == nil {
			out = &MeasureResult{Name: m.Name, Sources: src, Result: res}
		} else {
			out.Pairs = append(out.Pairs, res)
		}
	}
	if sc != nil {
		out.Times, out.Trajectories = sc.times, sc.trajs
	}
	return out
}

// pairsOf are the pairs of time points to analyse: the options', else the
// manifest's, else pre to post.
func (r *studyRun) pairsOf(m study.Measure) []study.TimePair {
	switch {
	case r.opt.From != "":
		return []study.TimePair{{From: r.opt.From, To: r.opt.To}}
	case len(m.Pairs) > 0:
		return m.Pairs
	}
	return []study.TimePair{{From: TimePre, To: TimePost}}
}

// pairs returns the measure's scores at two time points: scored from
// item-level responses, or read as they are from a totals file (id, pre,
// post and a column per follow-up; or the long form id, measure, pre, post,
// keeping this measure's rows).
func (r *studyRun) pairs(i int, m study.Measure, p *preparedMeasure, sc *scored, tp study.TimePair) ([]Pair, bool) {
	key := "data"
	if len(m.Pairs) > 0 && r.opt.From == "" {
		key = "pairs"
	}
	if sh := p.file.sheet; sh.IsTotals() {
		for _, t := range []string{tp.From, tp.To} {
			if sh.columnIndex(t) < 0 {
				r.at(i, key, "measure %s: %s has no %q column for that time point; its columns are %s", m.Name, p.file.name, t, sh.headerList())
				return nil, false
			}
		}
		opt := PairsOptions{PreCol: tp.From, PostCol: tp.To}
		if sh.columnIndex("measure") >= 0 {
			opt.Measure = m.Name
		}
		ps, err := ReadPairsFile(r.s.Path(m.Data), opt)
		if err != nil {
			r.add(i, "data", err)
			return nil, false
		}
		return ps, true
	}
	if sc == nil {
		return nil, false // the file's problems are listed already
	}
	for _, t := range []string{tp.From, tp.To} {
		if !slices.Contains(sc.times, t) {
			r.at(i, key, "measure %s: %s has no %q rows; its time points are %s", m.Name, p.file.name, t, strings.Join(sc.times, ", "))
			return nil, false
		}
	}
	return sc.pair(tp.From, tp.To), true
}

// scored is a measure's score for every respondent at every time point of
// item-level data, computed once for all its pairs and its trajectory plot.
type scored struct {
	times []string
	trajs []Trajectory
	has   [][]bool // has[j][k]: respondent j has a row at time k
}

// scores scores the measure's item-level responses; nil for a totals
// file or a file with problems.
func (r *studyRun) scores(p *preparedMeasure) *scored {
	if p.file.sheet.IsTotals() {
		return nil
	}
	resp, ok := p.file.responses[instrumentKey(p.inst)]
	if !ok {
		return nil
	}
	l := p.file.layout
	n, nt := len(l.ids), len(l.times)
	sc := &scored{times: l.times, trajs: make([]Trajectory, n), has: make([][]bool, n)}
	// One block for every score and one for every flag, not two small
	// slices per respondent.
	scores, has := make([]float64, n*nt), make([]bool, n*nt)
	for i := range scores {
		scores[i] = math.NaN()
	}
	for j, id := range l.ids {
		sc.trajs[j] = Trajectory{ID: id, Scores: scores[j*nt : (j+1)*nt : (j+1)*nt]}
		sc.has[j] = has[j*nt : (j+1)*nt : (j+1)*nt]
	}
	for i, rs := range resp {
		j, k := l.who[i], l.when[i]
		sc.trajs[j].Scores[k] = p.inst.ComputeValues(p.score, rs.Values)
		sc.has[j][k] = true
	}
	return sc
}

// pair is ScoreTimePair from the scores: respondents with a row at either
// time point, in the order they first appear.
func (sc *scored) pair(from, to string) []Pair {
	f, t := slices.Index(sc.times, from), slices.Index(sc.times, to)
	out := make([]Pair, 0, len(sc.trajs))
	for j, tr := range sc.trajs {
		if sc.has[j][f] || sc.has[j][t] {
			out = append(out, Pair{ID: tr.ID, Pre: tr.Scores[f], Post: tr.Scores[t]})
		}
	}
	return out
}

// options merges the manifest's choices over the instrument's.
func (r *studyRun) options(i int, m study.Measure, s *Score) (Options, Sources, bool) {
	var opt Options
	var src Sources
	switch {
	case m.Reliability != nil:
		opt.Reliability, src.Reliability = *m.Reliability, m.ReliabilitySource
	case s.Reliability != nil:
		opt.Reliability, src.Reliability = s.Reliability.Value, s.Reliability.Source
	default:
		r.at(i, "", "measure %s: no reliability: the instrument gives none, so add \"reliability\" (e.g. a published alpha) and \"reliability_source\" to the measure", m.Name)
		return opt, src, false
	}
	dir := m.Direction
	if dir == "" {
		dir = s.Direction
	}
	opt.Direction, _ = ParseDirection(dir) // both validated when loaded
	opt.Criterion = Criterion(m.Criterion)
	if m.Z != nil {
		opt.Z = *m.Z
	}
	opt.Method = Method(m.Method)
	if r.opt.Method != "" {
		opt.Method = r.opt.Method
	}
	if opt.Method == MethodNK {
		opt.ReliabilityPost = m.ReliabilityPost
	}
	opt.Compat, opt.Categories, opt.Percentage = r.opt.Compat, r.opt.Categories, r.opt.Percentage
	if mid := m.MID; mid != nil {
		opt.Anchor = &Thresholds{Improve: mid.Improve, Deteriorate: mid.Improve}
		if mid.Deteriorate != nil {
			opt.Anchor.Deteriorate = *mid.Deteriorate
		}
		src.MID = mid.Source
	}
	switch {
	case m.Norm != nil:
		opt.Norm = &Norm{Mean: m.Norm.Mean, SD: m.Norm.SD}
		src.Norm = m.Norm.Source
	case s.Norm != nil:
		opt.Norm = &Norm{Mean: s.Norm.Mean, SD: s.Norm.SD}
		src.Norm = s.Norm.Source
	}
	if c := m.Clinical; c != nil {
		opt.Clinical = &Distribution{Mean: c.Mean, SD: c.SD}
		src.Clinical = c.Source
	}
	return opt, src, true
}

// rangeWarnings warns when the chosen cut-off lies where the instrument's
// scores cannot decide anything: at or past the best possible score, so no
// patient can get beyond it, or past the worst, so every score is beyond it.
func rangeWarnings(res *Result, in *Instrument, s *Score) []string {
	cut := res.Cutoffs.Get(res.Criterion)
	if cut == nil {
		return nil
	}
	lo, hi := in.ScoreRange(s)
	d := float64(res.Direction)
	best, worst := hi, lo
	if res.Direction == LowerIsBetter {
		best, worst = lo, hi
	}
	scale := fmt.Sprintf("on a %s to %s scale", num(lo), num(hi))
	switch {
	case best*d <= *cut*d:
		return []string{fmt.Sprintf("cut-off %s = %s is not inside the range of possible scores (best %s %s): no patient can get beyond it, so none can count as clinically significant; choose another criterion or check the norm", res.Criterion, num(*cut), num(best), scale)}
	case worst*d > *cut*d:
		return []string{fmt.Sprintf("cut-off %s = %s is not inside the range of possible scores (worst %s %s): every score is beyond it, so every patient counts as okay at baseline; choose another criterion or check the norm", res.Criterion, num(*cut), num(worst), scale)}
	}
	return nil
}
