package quant

import (
	"bytes"
	"fmt"
	"image/color"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/mixeval/mixeval/internal/atomicfile"
)

// PlotFormats are the file formats WritePlots writes for every measure.
var PlotFormats = []string{"svg", "png"}

var (
	colourDiagonal = color.RGBA{A: 255}
	colourBand     = color.RGBA{R: 120, G: 120, B: 120, A: 255}
	colourCutoff   = color.RGBA{R: 200, G: 30, B: 30, A: 255}
	colourPoint    = color.RGBA{R: 20, G: 80, B: 170, A: 255}
)

// PlotFileName is the file name (without extension) for a measure's plot:
// its name with anything but letters, digits, '-', '_' and '.' made '_'.
func PlotFileName(measure string) string {
	name := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '_'
	}, measure)
	if strings.Trim(name, "._") == "" {
		name = "measure"
	}
	return name
}

// WritePlots draws a Jacobson & Truax (1991) plot per measure and writes it
// as <measure>.svg and <measure>.png into dir (created if needed); a further
// pair of time points as <measure>-<from>-<to>, and, for data with more than
// two time points, the patients' trajectories as <measure>-trajectory. Every
// plot is rendered before the first file is written, so a failure leaves no
// partial set; each file is written atomically.
func WritePlots(dir string, rs []MeasureResult) error {
	files := map[string][]byte{}
	var order []string
	add := func(label, base string, p *plot.Plot, w, h vg.Length) error {
		for _, ext := range PlotFormats {
			wt, err := p.WriterTo(w, h, ext)
			if err != nil {
				return fmt.Errorf("plot %s: %w", label, err)
			}
			var buf bytes.Buffer
			if _, err := wt.WriteTo(&buf); err != nil {
				return fmt.Errorf("plot %s: %w", label, err)
			}
			name := base + "." + ext
			if _, dup := files[name]; dup {
				return fmt.Errorf("two measures give the plot file name %s: rename one of them", name)
			}
			files[name] = buf.Bytes()
			order = append(order, name)
		}
		return nil
	}
	for _, m := range rs {
		for k, res := range m.Results() {
			label, base := m.Name, PlotFileName(m.Name)
			if k > 0 || res.From != "" && (res.From != TimePre || res.To != TimePost) {
				label = fmt.Sprintf("%s (%s to %s)", m.Name, res.From, res.To)
				base = PlotFileName(m.Name + "-" + res.From + "-" + res.To)
			}
			p, err := JacobsonTruaxPlot(MeasureResult{Name: label, Result: res})
			if err != nil {
				return fmt.Errorf("plot %s: %w", label, err)
			}
			if err := add(label, base, p, 6*vg.Inch, 6*vg.Inch); err != nil {
				return err
			}
		}
		if len(m.Times) > 2 {
			p, err := TrajectoryPlot(m)
			if err != nil {
				return fmt.Errorf("plot %s: %w", m.Name, err)
			}
			if err := add(m.Name, PlotFileName(m.Name+"-trajectory"), p, 7*vg.Inch, 5*vg.Inch); err != nil {
				return err
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create plot folder: %w", err)
	}
	for _, name := range order {
		if err := atomicfile.WriteFile(filepath.Join(dir, name), files[name], 0o644); err != nil {
			return fmt.Errorf("write plot: %w", err)
		}
	}
	return nil
}

// JacobsonTruaxPlot draws pre (x) against post (y) for every patient with
// the no-change diagonal, the reliable change band of the method (for JT
// lines parallel to the diagonal at ± the RC threshold; points outside it
// changed reliably) and
// the chosen cut-off as a horizontal line (post beyond it: clinically
// significant) and a vertical line (pre beyond it: okay at baseline).
func JacobsonTruaxPlot(r MeasureResult) (*plot.Plot, error) {
	res := r.Result
	if res == nil || len(res.Patients) == 0 {
		return nil, fmt.Errorf("no per-patient scores to plot")
	}
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: Jacobson–Truax plot, criterion %s", r.Name, strings.ToUpper(string(res.Criterion)))
	p.X.Label.Text = fmt.Sprintf("Pre-treatment score (%s is better)", res.Direction)
	p.Y.Label.Text = "Post-treatment score"
	if res.From != "" && (res.From != TimePre || res.To != TimePost) {
		p.X.Label.Text = fmt.Sprintf("Score at %s (%s is better)", res.From, res.Direction)
		p.Y.Label.Text = "Score at " + res.To
	}
	p.Add(plotter.NewGrid())

	cut := res.Cutoffs.Get(res.Criterion)
	lo, hi := plotRange(res, cut)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = lo, hi, lo, hi

	diag := plotter.NewFunction(func(x float64) float64 { return x })
	diag.Color, diag.Width = colourDiagonal, vg.Points(1.2)
	p.Add(diag)
	p.Legend.Add("no change (post = pre)", diag)

	// The band: post = Intercept + Slope·pre ± HalfWidth, parallel to the
	// diagonal for JT and HA, sloped by r for the regression-based methods.
	if b := res.Band; b.HalfWidth > 0 {
		for i, off := range []float64{b.HalfWidth, -b.HalfWidth} {
			off := off
			band := plotter.NewFunction(func(x float64) float64 { return b.Intercept + b.Slope*x + off })
			band.Color, band.Width, band.Dashes = colourBand, vg.Points(1), []vg.Length{vg.Points(5), vg.Points(3)}
			p.Add(band)
			if i == 0 {
				label := fmt.Sprintf("reliable change band (±%.3g)", b.HalfWidth)
				if res.Method != MethodJT {
					label = fmt.Sprintf("reliable change band (%s)", strings.ToUpper(string(res.Method)))
				}
				p.Legend.Add(label, band)
			}
		}
	}

	if cut != nil {
		for i, pts := range [][2]plotter.XY{{{X: lo, Y: *cut}, {X: hi, Y: *cut}}, {{X: *cut, Y: lo}, {X: *cut, Y: hi}}} {
			l, err := plotter.NewLine(plotter.XYs{pts[0], pts[1]})
			if err != nil {
				return nil, err
			}
			l.Color, l.Width, l.Dashes = colourCutoff, vg.Points(1.2), []vg.Length{vg.Points(2), vg.Points(2)}
			p.Add(l)
			if i == 0 {
				p.Legend.Add(fmt.Sprintf("cut-off %s = %.4g", res.Criterion, *cut), l)
			}
		}
	}

	xys := make(plotter.XYs, len(res.Patients))
	labels := make([]string, len(res.Patients))
	for i, pt := range res.Patients {
		xys[i] = plotter.XY{X: pt.Pre, Y: pt.Post}
		labels[i] = pt.ID
	}
	sc, err := plotter.NewScatter(xys)
	if err != nil {
		return nil, err
	}
	sc.GlyphStyle = draw.GlyphStyle{Color: colourPoint, Radius: vg.Points(3.5), Shape: draw.CircleGlyph{}}
	p.Add(sc)
	p.Legend.Add(fmt.Sprintf("patients (n = %d)", res.N), sc)

	lab, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return nil, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font.Size = vg.Points(7)
		lab.TextStyle[i].Color = color.Gray{Y: 60}
		lab.Offset = vg.Point{X: vg.Points(4), Y: vg.Points(2)}
	}
	p.Add(lab)
	// Improvers sit above the diagonal when higher is better and below it
	// when lower is better: put the legend in the corner they leave empty.
	p.Legend.Top = res.Direction == LowerIsBetter
	p.Legend.Left = res.Direction == LowerIsBetter
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	return p, nil
}

// plotRange covers every score and the cut-off with a 5% margin; x and y
// share it so that the diagonal runs at 45 degrees.
func plotRange(res *Result, cut *float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, pt := range res.Patients {
		lo, hi = math.Min(lo, math.Min(pt.Pre, pt.Post)), math.Max(hi, math.Max(pt.Pre, pt.Post))
	}
	if cut != nil {
		lo, hi = math.Min(lo, *cut), math.Max(hi, *cut)
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = 1
	}
	return lo - pad, hi + pad
}

// TrajectoryPlot draws every patient's score at each time point of the
// measure (pre, post, follow-ups) as a line, with the first pair's cut-off
// as a horizontal line: a picture of who kept their gains.
func TrajectoryPlot(m MeasureResult) (*plot.Plot, error) {
	if len(m.Times) < 2 || len(m.Trajectories) == 0 {
		return nil, fmt.Errorf("no scores at two or more time points to plot")
	}
	res := m.Result
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: scores over time", m.Name)
	p.X.Label.Text = "Time point"
	p.Y.Label.Text = fmt.Sprintf("Score (%s is better)", res.Direction)
	p.Add(plotter.NewGrid())
	ticks := make([]plot.Tick, len(m.Times))
	for k, t := range m.Times {
		ticks[k] = plot.Tick{Value: float64(k), Label: t}
	}
	p.X.Tick.Marker = plot.ConstantTicks(ticks)
	p.X.Min, p.X.Max = -0.3, float64(len(m.Times)-1)+0.6

	lo, hi := math.Inf(1), math.Inf(-1)
	var labels plotter.XYLabels
	var first *plotter.Line
	for _, tr := range m.Trajectories {
		var xys plotter.XYs
		for k, v := range tr.Scores {
			if !math.IsNaN(v) {
				xys = append(xys, plotter.XY{X: float64(k), Y: v})
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if len(xys) == 0 {
			continue
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return nil, err
		}
		l.Color, l.Width = colourPoint, vg.Points(1)
		pts.Color, pts.Radius, pts.Shape = colourPoint, vg.Points(2.5), draw.CircleGlyph{}
		p.Add(l, pts)
		if first == nil {
			first = l
		}
		end := xys[len(xys)-1]
		labels.XYs = append(labels.XYs, end)
		labels.Labels = append(labels.Labels, tr.ID)
	}
	if first == nil {
		return nil, fmt.Errorf("no scores to plot")
	}
	p.Legend.Add(fmt.Sprintf("patients (n = %d)", len(labels.Labels)), first)
	if cut := res.Cutoffs.Get(res.Criterion); cut != nil {
		l, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: *cut}, {X: p.X.Max, Y: *cut}})
		if err != nil {
			return nil, err
		}
		l.Color, l.Width, l.Dashes = colourCutoff, vg.Points(1.2), []vg.Length{vg.Points(2), vg.Points(2)}
		p.Add(l)
		p.Legend.Add(fmt.Sprintf("cut-off %s = %.4g (%s to %s)", res.Criterion, *cut, orDefault(res.From, "pre"), orDefault(res.To, "post")), l)
		lo, hi = math.Min(lo, *cut), math.Max(hi, *cut)
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = 1
	}
	p.Y.Min, p.Y.Max = lo-pad, hi+pad
	lab, err := plotter.NewLabels(labels)
	if err != nil {
		return nil, err
	}
	for i := range lab.TextStyle {
		lab.TextStyle[i].Font.Size = vg.Points(7)
		lab.TextStyle[i].Color = color.Gray{Y: 60}
	}
	lab.Offset = vg.Point{X: vg.Points(5), Y: vg.Points(-2)}
	p.Add(lab)
	p.Legend.Top = res.Direction == HigherIsBetter
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	return p, nil
}
