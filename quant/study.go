package quant

import (
	"errors"
	"fmt"
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
// All problems of all measures are returned together; nothing is returned
// for a study with any problem.
func RunStudy(s *study.Study) ([]MeasureResult, error) {
	if len(s.Manifest.Measures) == 0 {
		return nil, fmt.Errorf("%s has no measures: add a \"measures:\" list (see docs/instruments.md)", s.ManifestPath())
	}
	r := studyRun{s: s, sheets: map[string]*Sheet{}, responses: map[string][]Response{}, failed: map[string]bool{}}
	var out []MeasureResult
	for i := range s.Manifest.Measures {
		if res := r.measure(i); res != nil {
			out = append(out, *res)
		}
	}
	if len(r.errs) > 0 {
		return nil, joinErrors(r.errs)
	}
	return out, nil
}

type studyRun struct {
	s         *study.Study
	sheets    map[string]*Sheet
	responses map[string][]Response // by data path and instrument
	failed    map[string]bool       // data files (or file+instrument) already reported
	errs      []error
}

// at positions an error at a key of measure i in mixeval.yaml.
func (r *studyRun) at(i int, key string, format string, args ...any) {
	path := []any{"measures", i}
	if key != "" {
		path = append(path, key)
	}
	n := yamlutil.Lookup(r.s.Root, path...)
	if n == nil {
		n = yamlutil.Lookup(r.s.Root, "measures", i)
	}
	r.errs = append(r.errs, yamlutil.At(r.s.ManifestPath(), n, format, args...))
}

func (r *studyRun) measure(i int) *MeasureResult {
	m := r.s.Manifest.Measures[i]
	inst, err := ResolveInstrument(m.Instrument, r.s.Dir)
	if err != nil {
		var ye problem.List
		if errors.As(err, &ye) {
			r.errs = append(r.errs, err) // positioned in the instrument file
		} else {
			r.at(i, "instrument", "measure %s: %v", m.Name, err)
		}
		return nil
	}
	score, err := inst.Score(m.Subscale)
	if err != nil {
		key := "subscale"
		if m.Subscale == "" {
			key = "instrument"
		}
		r.at(i, key, "measure %s: %v", m.Name, err)
		return nil
	}
	pairs, ok := r.pairs(i, m, inst, score)
	if !ok {
		return nil
	}
	opt, src, ok := r.options(i, m, score)
	if !ok {
		return nil
	}
	res, err := Analyze(pairs, opt)
	if err != nil {
		r.at(i, "", "measure %s: %v", m.Name, err)
		return nil
	}
	return &MeasureResult{Name: m.Name, Sources: src, Result: res}
}

// pairs returns the measure's pre and post scores: scored from item-level
// responses, or read as they are from a totals file (id, pre, post; or the
// long form id, measure, pre, post, keeping this measure's rows).
func (r *studyRun) pairs(i int, m study.Measure, inst *Instrument, score *Score) ([]Pair, bool) {
	path := r.s.Path(m.Data)
	if sh := r.sheet(i, m); sh != nil && sh.IsTotals() {
		opt := PairsOptions{}
		if sh.columnIndex("measure") >= 0 {
			opt.Measure = m.Name
		}
		ps, err := ReadPairsFile(path, opt)
		if err != nil {
			r.errs = append(r.errs, err)
			return nil, false
		}
		return ps, true
	}
	resp := r.load(i, m, inst)
	if resp == nil {
		return nil, false
	}
	return ScorePairs(inst, score, resp), true
}

// sheet reads a data file once; nil when it cannot be read (load reports why).
func (r *studyRun) sheet(i int, m study.Measure) *Sheet {
	path := r.s.Path(m.Data)
	if sh, ok := r.sheets[path]; ok {
		return sh
	}
	if r.failed[path] {
		return nil
	}
	sh, err := readSheet(path, m.Data)
	if err != nil {
		return nil
	}
	r.sheets[path] = sh
	return sh
}

// load reads and checks a measure's data file once per file and instrument,
// so three subscales of one file report its problems once.
func (r *studyRun) load(i int, m study.Measure, inst *Instrument) []Response {
	path := r.s.Path(m.Data)
	key := path + "\x00" + inst.Name + "\x00" + inst.File
	if resp, ok := r.responses[key]; ok {
		return resp
	}
	if r.failed[key] || r.failed[path] {
		return nil
	}
	sh, ok := r.sheets[path]
	if !ok {
		var err error
		sh, err = readSheet(path, m.Data)
		if err != nil {
			r.failed[path] = true
			var ps Problems
			if errors.As(err, &ps) {
				r.errs = append(r.errs, err)
			} else {
				r.at(i, "data", "measure %s: %v", m.Name, err)
			}
			return nil
		}
		r.sheets[path] = sh
	}
	resp, err := ReadResponses(sh, inst)
	if err != nil {
		r.failed[key] = true
		r.errs = append(r.errs, err)
		return nil
	}
	r.responses[key] = resp
	return resp
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

// joinErrors keeps one problem per line, so the command can list them.
type errorList []error

func (es errorList) Error() string {
	parts := make([]string, len(es))
	for i, e := range es {
		parts[i] = e.Error()
	}
	return strings.Join(parts, "\n")
}

func (es errorList) Unwrap() []error { return es }

func joinErrors(es []error) error {
	if len(es) == 1 {
		return es[0]
	}
	return errorList(es)
}
