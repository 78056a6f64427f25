package report

import (
	"fmt"
	"math"

	"github.com/mixeval/mixeval/quant"
)

// The Jacobson–Truax plot's geometry, in SVG user units. The legend sits
// below the plot, one entry a line with nothing to its right, so a wider
// fallback font cannot make it overflow.
const (
	jtLeft   = 64.0
	jtTop    = 16.0
	jtSide   = 380.0
	jtWidth  = jtLeft + jtSide + 24
	jtLegend = jtTop + jtSide + 58
	jtLine   = 20.0
	// jtLabelMax is the most patients whose points carry their pseudonym;
	// beyond it labels would only cover each other.
	jtLabelMax = 40
)

const (
	colourInk    = "#1a1a1a"
	colourGrid   = "#e3e3e3"
	colourBand   = "#6b6b6b"
	colourCutoff = "#b3261e"
	colourPoint  = "#1f5fa8"
)

// jtPlot draws pre (x) against post (y) for every patient with the
// no-change diagonal, the reliable change band (|post − pre| = the RC
// threshold: points outside it changed reliably) and the criterion's
// cut-off as a horizontal line (post beyond it) and a vertical line (pre
// beyond it), after Jacobson & Truax (1991, figure 1).
func jtPlot(id string, m *MeasureView) string {
	r := m.Result
	lo, hi := jtRange(m)
	scale := func(v float64) float64 { return (v - lo) / (hi - lo) * jtSide }
	x := func(v float64) float64 { return jtLeft + scale(v) }
	y := func(v float64) float64 { return jtTop + jtSide - scale(v) }

	var d svgDoc
	height := jtLegend + 4*jtLine
	d.open(id, jtWidth, height, fmt.Sprintf("%s: Jacobson–Truax plot", m.Name), jtDescription(m))
	d.rect(jtLeft, jtTop, jtSide, jtSide, "#ffffff", colourInk, 0)
	for _, t := range niceTicks(lo, hi, 6) {
		d.line(x(t), jtTop, x(t), jtTop+jtSide, colourGrid, 1, "")
		d.line(jtLeft, y(t), jtLeft+jtSide, y(t), colourGrid, 1, "")
		d.line(x(t), jtTop+jtSide, x(t), jtTop+jtSide+5, colourInk, 1, "")
		d.line(jtLeft-5, y(t), jtLeft, y(t), colourInk, 1, "")
		d.text(x(t), jtTop+jtSide+18, 11, "middle", colourInk, "", tickLabel(t))
		d.text(jtLeft-8, y(t)+4, 11, "end", colourInk, "", tickLabel(t))
	}
	d.text(jtLeft+jtSide/2, jtTop+jtSide+38, 13, "middle", colourInk, "", fmt.Sprintf("Pre score (%s is better)", r.Direction))
	d.raw(`<text x="%s" y="%s" font-size="13" fill="%s" text-anchor="middle" transform="rotate(-90 %s %s)">Post score</text>`,
		px(18), px(jtTop+jtSide/2), colourInk, px(18), px(jtTop+jtSide/2))

	// The diagonal and the band, clipped to the square by hand so that no
	// clip path (and no id) is needed.
	offsetLine := func(off float64, stroke, dash string) {
		x0, x1 := math.Max(lo, lo-off), math.Min(hi, hi-off)
		if x0 < x1 {
			d.line(x(x0), y(x0+off), x(x1), y(x1+off), stroke, 1.4, dash)
		}
	}
	offsetLine(0, colourInk, "")
	offsetLine(r.RCThreshold, colourBand, "6 4")
	offsetLine(-r.RCThreshold, colourBand, "6 4")
	if m.Cut != nil {
		c := *m.Cut
		d.line(jtLeft, y(c), jtLeft+jtSide, y(c), colourCutoff, 1.4, "3 3")
		d.line(x(c), jtTop, x(c), jtTop+jtSide, colourCutoff, 1.4, "3 3")
	}
	label := len(m.Patients) <= jtLabelMax
	for _, p := range m.Patients {
		d.raw(`<circle cx="%s" cy="%s" r="4" fill="%s" fill-opacity="0.85"/>`, px(x(p.Pre)), px(y(p.Post)), colourPoint)
		if label {
			d.text(x(p.Pre)+6, y(p.Post)-5, 9, "start", "#444444", "", p.Who.String())
		}
	}
	jtLegendEntries(&d, m)
	return d.close()
}

func jtLegendEntries(d *svgDoc, m *MeasureView) {
	r := m.Result
	entries := []struct{ stroke, dash, text string }{
		{colourInk, "", "No change (post = pre)"},
		{colourBand, "6 4", fmt.Sprintf("Reliable change band (±%s)", score(r.RCThreshold))},
	}
	if m.Cut != nil {
		entries = append(entries, struct{ stroke, dash, text string }{colourCutoff, "3 3", fmt.Sprintf("Cut-off %s = %s", r.Criterion, score(*m.Cut))})
	}
	yy := jtLegend
	for _, e := range entries {
		d.line(jtLeft, yy-4, jtLeft+28, yy-4, e.stroke, 1.4, e.dash)
		d.text(jtLeft+36, yy, 12, "start", colourInk, "", e.text)
		yy += jtLine
	}
	d.raw(`<circle cx="%s" cy="%s" r="4" fill="%s"/>`, px(jtLeft+14), px(yy-4), colourPoint)
	d.text(jtLeft+36, yy, 12, "start", colourInk, "", fmt.Sprintf("Patients (n = %d)", r.N))
}

// jtRange covers every score and the cut-off with a 5% margin; x and y
// share it so the diagonal runs at 45 degrees.
func jtRange(m *MeasureView) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, p := range m.Patients {
		lo, hi = math.Min(lo, math.Min(p.Pre, p.Post)), math.Max(hi, math.Max(p.Pre, p.Post))
	}
	if m.Cut != nil {
		lo, hi = math.Min(lo, *m.Cut), math.Max(hi, *m.Cut)
	}
	if math.IsInf(lo, 0) {
		lo, hi = 0, 1
	}
	pad := (hi - lo) * 0.05
	if pad == 0 {
		pad = 1
	}
	return lo - pad, hi + pad
}

// jtDescription says in words what the plot shows, for screen readers.
func jtDescription(m *MeasureView) string {
	r := m.Result
	side := "above"
	if r.Direction == quant.LowerIsBetter {
		side = "below"
	}
	s := fmt.Sprintf("Scatter plot of %d patients' pre scores (horizontal) against their post scores (vertical) on %s, with the no-change diagonal and a reliable change band of ±%s around it; points %s the band improved reliably.",
		r.N, m.Name, score(r.RCThreshold), side)
	if m.Cut != nil {
		s += fmt.Sprintf(" Dashed lines mark the criterion %s cut-off at %s on both axes.", r.Criterion, score(*m.Cut))
	}
	return s + " The scores plotted are in the table with the plot."
}
