package backend

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/safefile"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/corpus"
)

// InstrumentRef names an instrument (built in, or a YAML file in the
// study) and optionally one of its subscales.
type InstrumentRef struct{ ID, Subscale string }

// ParseInstrumentRef reads "ID" or "ID:SUBSCALE".
func ParseInstrumentRef(v string) InstrumentRef {
	id, sub, _ := strings.Cut(v, ":")
	return InstrumentRef{ID: strings.TrimSpace(id), Subscale: strings.TrimSpace(sub)}
}

// ScoresImport asks for a questionnaire data file to be brought into the
// study's scores/ folder as the data of one measure per instrument.
type ScoresImport struct {
	Path        string
	Instruments []InstrumentRef
	// DryRun checks everything and writes nothing.
	DryRun bool
}

// ScoresResult says what an import of scores did, or would do.
type ScoresResult struct {
	// Data is the file's copy in the study, e.g. scores/items.csv.
	Data string
	// Rows is the number of data rows (one per patient and time).
	Rows int
	// Added and Updated name the measures added to mixeval.yaml, and those
	// whose data file changed; Unchanged those already pointing at Data.
	Added, Updated, Unchanged []string
	DryRun                    bool
}

// ImportScores copies an item-level questionnaire file into scores/ after
// checking it against every instrument named (all problems at once; nothing
// is written when there is one), and adds a measure for each instrument, or
// points the existing measure of that instrument and subscale at the new
// file, in mixeval.yaml under its lock. A file of the same name holding
// other data is never overwritten: the copy gets a fresh name.
func (b *Study) ImportScores(req ScoresImport) (*ScoresResult, error) {
	if len(req.Instruments) == 0 {
		return nil, errors.New("no instrument named: the file is checked against the instruments it holds")
	}
	data, err := safefile.ReadFile(req.Path, corpus.DefaultMaxFormBytes)
	if err != nil {
		return nil, err
	}
	sheet, err := quant.ReadSheet(req.Path)
	if err != nil {
		return nil, err
	}
	var errs []error
	// A score without a published norm can only use criterion a (the
	// clinical sample's own distribution): a measure added for it says so,
	// rather than defaulting to c and failing validation.
	noNorm := make([]bool, len(req.Instruments))
	for k, ref := range req.Instruments {
		inst, err := quant.ResolveInstrument(ref.ID, b.Dir())
		if err != nil {
			errs = append(errs, err)
			continue
		}
		sc, err := inst.Score(ref.Subscale)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		noNorm[k] = sc.Norm == nil
		if _, err := quant.ReadResponses(sheet, inst); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	dest, err := b.freeScoresName(filepath.Base(req.Path), data)
	if err != nil {
		return nil, err
	}
	res := &ScoresResult{Data: dest, Rows: len(sheet.Rows), DryRun: req.DryRun}
	change := func(m *study.Manifest) (bool, error) {
		res.Added, res.Updated, res.Unchanged = nil, nil, nil
		return addMeasures(m, req.Instruments, noNorm, dest, res), nil
	}
	if req.DryRun {
		st, err := study.Load(b.layout.Dir)
		if err != nil {
			return nil, err
		}
		_, err = change(&st.Manifest)
		return res, err
	}
	if err := safefile.MkdirAll(b.layout.Dir, b.layout.Scores()); err != nil {
		return nil, err
	}
	if err := atomicfile.WriteFile(filepath.Join(b.layout.Dir, filepath.FromSlash(dest)), data, 0o644); err != nil {
		return nil, err
	}
	if err := b.updateManifest("import scores "+req.Path, change); err != nil {
		return nil, err
	}
	return res, nil
}

// freeScoresName returns scores/<name>, or scores/<stem>-2<ext> and so on
// when that file holds other data.
func (b *Study) freeScoresName(name string, data []byte) (string, error) {
	ext := filepath.Ext(name)
	stem := strings.TrimSuffix(name, ext)
	for k := 1; ; k++ {
		n := name
		if k > 1 {
			n = fmt.Sprintf("%s-%d%s", stem, k, ext)
		}
		rel := study.ScoresDir + "/" + n
		old, err := safefile.ReadFile(filepath.Join(b.layout.Scores(), n), 0)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return rel, nil
		case err != nil:
			return "", err
		case bytes.Equal(old, data):
			return rel, nil
		}
	}
}

// addMeasures points one measure per instrument at data, adding those the
// manifest lacks, and says which in res. It reports whether m changed.
func addMeasures(m *study.Manifest, refs []InstrumentRef, noNorm []bool, data string, res *ScoresResult) bool {
	changed := false
	for k, ref := range refs {
		i := findMeasure(m.Measures, ref)
		if i >= 0 {
			if m.Measures[i].Data == data {
				res.Unchanged = append(res.Unchanged, m.Measures[i].Name)
				continue
			}
			m.Measures[i].Data = data
			res.Updated = append(res.Updated, m.Measures[i].Name)
			changed = true
			continue
		}
		name := freeMeasureName(m.Measures, measureName(ref))
		ms := study.Measure{Name: name, Instrument: ref.ID, Subscale: ref.Subscale, Data: data}
		if noNorm[k] {
			ms.Criterion = "a"
		}
		m.Measures = append(m.Measures, ms)
		res.Added = append(res.Added, name)
		changed = true
	}
	return changed
}

func findMeasure(ms []study.Measure, ref InstrumentRef) int {
	for i, m := range ms {
		if strings.EqualFold(m.Instrument, ref.ID) && strings.EqualFold(m.Subscale, ref.Subscale) {
			return i
		}
	}
	return -1
}

// measureName is the name a new measure gets: PSEQ, FSCRS-Hated.
func measureName(ref InstrumentRef) string {
	name := strings.ToUpper(strings.TrimSuffix(filepath.Base(ref.ID), filepath.Ext(ref.ID)))
	if ref.Subscale != "" {
		sub := strings.ToLower(ref.Subscale)
		name += "-" + strings.ToUpper(sub[:1]) + sub[1:]
	}
	return name
}

func freeMeasureName(ms []study.Measure, name string) string {
	taken := map[string]bool{}
	for _, m := range ms {
		taken[strings.ToLower(m.Name)] = true
	}
	free := name
	for k := 2; taken[strings.ToLower(free)]; k++ {
		free = fmt.Sprintf("%s-%d", name, k)
	}
	return free
}
