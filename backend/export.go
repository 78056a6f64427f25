package backend

import (
	"errors"
	"io/fs"
	"slices"

	"github.com/mixeval/mixeval/export"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/study"
	"github.com/mixeval/mixeval/thematic/coding"
	"github.com/mixeval/mixeval/thematic/reconcile"
)

// ExportRequest is what every export asks for.
type ExportRequest struct {
	// Coding names the coding to read: "" for the default (the consensus
	// when it exists, else the first coder in mixeval.yaml), "consensus",
	// or a coder.
	Coding string
	// Redact replaces undecided personal data by markers instead of
	// stopping the export.
	Redact bool
	// Origin names the exporting program, e.g. "mixeval 0.1.0".
	Origin string
}

// exportNeeds says what an export reads beyond documents and codebook.
type exportNeeds struct {
	coding     string
	allCodings bool // every coder and the consensus (memos, projects, scans)
	noUsed     bool // no coding is read as "the" coding (a scan)
	measures   bool
}

// ExportData gathers what the exporters read: documents, codebook, the
// coding asked for (see UseCoding) and, with all, every coder's coding and
// the consensus, with the reconciliation memos.
func (b *Study) ExportData(codingName string, all, measures bool) (*export.Data, error) {
	return b.exportData(exportNeeds{coding: codingName, allCodings: all, measures: measures})
}

func (b *Study) exportData(need exportNeeds) (*export.Data, error) {
	st := b.Manifest()
	d := &export.Data{Title: st.Manifest.Title, Who: b.opt.Who, Now: b.opt.Now().UTC()}
	seen := map[string]bool{}
	for _, src := range st.Manifest.Sources {
		d.Questions = append(d.Questions, src.Questions...)
		for _, a := range src.Attributes {
			if !seen[a] {
				seen[a] = true
				d.Attributes = append(d.Attributes, a)
			}
		}
	}
	docs, err := b.Documents()
	if err != nil {
		return nil, err
	}
	d.Documents = docs
	if d.Codebook, err = b.Codebook(); err != nil {
		return nil, err
	}
	if !need.noUsed {
		used, name, defaulted, err := b.UseCoding(need.coding)
		if err != nil {
			return nil, err
		}
		d.Used, d.Defaulted = name, defaulted
		if name != study.ConsensusCoder {
			d.Codings = append(d.Codings, used)
		}
	}
	if need.allCodings {
		coders, err := b.Coders()
		if err != nil {
			return nil, err
		}
		for _, c := range coders {
			if c == d.Used {
				continue
			}
			f, err := b.ReadCoding(c)
			if err != nil {
				return nil, err
			}
			d.Codings = append(d.Codings, f)
		}
		// Keep the study's order of coders.
		slices.SortStableFunc(d.Codings, func(x, y *coding.File) int {
			return slices.Index(coders, x.Coder) - slices.Index(coders, y.Coder)
		})
	}
	if need.allCodings || d.Used == study.ConsensusCoder {
		cons, err := reconcile.Load(b.layout.Dir)
		switch {
		case err == nil:
			d.Codings = append(d.Codings, consensusCoding(cons))
			if need.allCodings {
				d.Decisions = decisionMemos(cons)
			}
		case !errors.Is(err, fs.ErrNotExist):
			return nil, err
		}
	}
	if need.measures && len(st.Manifest.Measures) > 0 {
		if d.Measures, err = b.Quant(quant.StudyOptions{}); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// consensusCoding is the consensus as a coding whose segments carry, as
// their creation time, the time of the latest decision or update behind
// them (the consensus file records no other).
func consensusCoding(c *reconcile.Consensus) *coding.File {
	f := c.AsCoding()
	latest := map[string]int{}
	for i, e := range c.Log {
		latest[e.Item] = i
	}
	var last int = -1
	if len(c.Log) > 0 {
		last = len(c.Log) - 1
	}
	for i := range f.Segments {
		if i >= len(c.Segments) {
			break
		}
		at := -1
		for _, it := range c.Segments[i].Items {
			if j, ok := latest[it]; ok && j > at {
				at = j
			}
		}
		if at < 0 {
			at = last
		}
		if at >= 0 {
			f.Segments[i].Created = c.Log[at].At.UTC()
			f.Segments[i].Updated = f.Segments[i].Created
		}
	}
	return f
}

// decisionMemos lists the memos of the consensus's decisions.
func decisionMemos(c *reconcile.Consensus) []export.DecisionMemo {
	var out []export.DecisionMemo
	for _, it := range c.Items {
		if it.Decision == nil || it.Decision.Memo == "" {
			continue
		}
		out = append(out, export.DecisionMemo{
			Item: it.ID, Document: it.Document, Code: it.Code, Decision: it.Decision.Kind,
			Memo: it.Decision.Memo, By: it.Decision.By, At: it.Decision.At.UTC(),
		})
	}
	return out
}

// exportGuard is the guard for a request.
func (b *Study) exportGuard(req ExportRequest) (export.Guard, error) {
	g, err := b.Guard()
	if err != nil {
		return export.Guard{}, err
	}
	return export.Guard{Guard: g, Redact: req.Redact}, nil
}

// ThemesRequest asks for the theme hierarchy.
type ThemesRequest struct {
	ExportRequest
	export.ThemeOptions
}

// Themes returns the theme hierarchy with quotes and counts as the study
// holds it, for reading inside the study (a terminal UI, say). Anything
// written for sharing goes through ExportThemes, which guards it.
func (b *Study) Themes(req ThemesRequest) (*export.Themes, error) {
	d, err := b.exportData(exportNeeds{coding: req.Coding})
	if err != nil {
		return nil, err
	}
	return export.BuildThemes(d, req.ThemeOptions)
}

// ExportThemes returns the theme hierarchy as it may leave the study: the
// personal-data guard has run over every text in it (an
// *export.BlockedError when a finding has no decision and Redact is not
// set).
func (b *Study) ExportThemes(req ThemesRequest) (*export.Themes, *export.Report, error) {
	d, err := b.exportData(exportNeeds{coding: req.Coding})
	if err != nil {
		return nil, nil, err
	}
	t, err := export.BuildThemes(d, req.ThemeOptions)
	if err != nil {
		return nil, nil, err
	}
	g, err := b.exportGuard(req.ExportRequest)
	if err != nil {
		return nil, nil, err
	}
	rep, err := t.Guard(d, g)
	if err != nil {
		return nil, nil, err
	}
	return t, rep, nil
}

// ExportSegments returns the coded segments of the coding asked for, as
// they may leave the study (see ExportThemes).
func (b *Study) ExportSegments(req ExportRequest) (*export.Segments, *export.Report, error) {
	d, err := b.exportData(exportNeeds{coding: req.Coding})
	if err != nil {
		return nil, nil, err
	}
	s, err := export.BuildSegments(d)
	if err != nil {
		return nil, nil, err
	}
	return guarded(b, req, s, func(g export.Guard) (*export.Report, error) { return s.Guard(d, g) })
}

// MatrixRequest asks for the code matrix.
type MatrixRequest struct {
	ExportRequest
	export.MatrixOptions
}

// ExportMatrix returns the code matrix of the coding asked for, joined
// with attributes and, when the study has measures, their results.
func (b *Study) ExportMatrix(req MatrixRequest) (*export.Matrix, *export.Report, error) {
	d, err := b.exportData(exportNeeds{coding: req.Coding, measures: true})
	if err != nil {
		return nil, nil, err
	}
	m, err := export.BuildMatrix(d, req.MatrixOptions)
	if err != nil {
		return nil, nil, err
	}
	return guarded(b, req.ExportRequest, m, func(g export.Guard) (*export.Report, error) { return m.Guard(d, g) })
}

// ExportMemos returns every memo of the study: every coder's, the
// codebook's and the reconciliation decisions'.
func (b *Study) ExportMemos(req ExportRequest) (*export.Memos, *export.Report, error) {
	d, err := b.exportData(exportNeeds{allCodings: true, noUsed: true})
	if err != nil {
		return nil, nil, err
	}
	m := export.BuildMemos(d)
	return guarded(b, req, m, m.Guard)
}

// ExportQDC returns the codebook as a REFI-QDA codebook file (.qdc).
func (b *Study) ExportQDC(req ExportRequest) ([]byte, *export.Report, error) {
	cb, err := b.Codebook()
	if err != nil {
		return nil, nil, err
	}
	g, err := b.exportGuard(req)
	if err != nil {
		return nil, nil, err
	}
	return export.QDC(cb, req.Origin, g)
}

// guarded runs guard with the request's guard and returns v with its
// report.
func guarded[T any](b *Study, req ExportRequest, v T, guard func(export.Guard) (*export.Report, error)) (T, *export.Report, error) {
	var zero T
	g, err := b.exportGuard(req)
	if err != nil {
		return zero, nil, err
	}
	rep, err := guard(g)
	if err != nil {
		return zero, nil, err
	}
	return v, rep, nil
}

// ExportQDPX returns the study as a REFI-QDA project (.qdpx): every answer,
// every coder's coding and the consensus, the codebook, attributes and
// measures, memos. The request's Coding is not used: a project holds every
// coding.
func (b *Study) ExportQDPX(req ExportRequest) ([]byte, *export.Report, error) {
	d, err := b.exportData(exportNeeds{allCodings: true, noUsed: true, measures: true})
	if err != nil {
		return nil, nil, err
	}
	d.Origin = req.Origin
	g, err := b.exportGuard(req)
	if err != nil {
		return nil, nil, err
	}
	return export.QDPX(d, g)
}
