package report

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
)

// svgDoc builds an SVG image as text. Every text from the study passes
// through esc; numbers are written with at most two decimals so that the
// output is stable.
type svgDoc struct {
	sb strings.Builder
}

func esc(s string) string { return html.EscapeString(s) }

func px(x float64) string { return strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64) }

// open starts an image of w × h user units, described for screen readers
// by title and desc; id prefixes the ids it needs, which must be unique in
// a page holding several images.
func (d *svgDoc) open(id string, w, h float64, title, desc string) {
	fmt.Fprintf(&d.sb, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-title %s-desc" font-family="system-ui, 'Segoe UI', Roboto, 'Liberation Sans', Arial, sans-serif">`,
		px(w), px(h), px(w), px(h), id, id)
	fmt.Fprintf(&d.sb, `<title id="%s-title">%s</title><desc id="%s-desc">%s</desc>`, id, esc(title), id, esc(desc))
}

func (d *svgDoc) close() string {
	d.sb.WriteString("</svg>")
	return d.sb.String()
}

func (d *svgDoc) raw(format string, args ...any) { fmt.Fprintf(&d.sb, format, args...) }

func (d *svgDoc) line(x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	d.raw(`<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="%s"`, px(x1), px(y1), px(x2), px(y2), stroke, px(width))
	if dash != "" {
		d.raw(` stroke-dasharray="%s"`, dash)
	}
	d.raw("/>")
}

func (d *svgDoc) rect(x, y, w, h float64, fill, stroke string, rx float64) {
	d.raw(`<rect x="%s" y="%s" width="%s" height="%s" fill="%s"`, px(x), px(y), px(w), px(h), fill)
	if stroke != "" {
		d.raw(` stroke="%s"`, stroke)
	}
	if rx > 0 {
		d.raw(` rx="%s"`, px(rx))
	}
	d.raw("/>")
}

// text writes one line; anchor is start, middle or end.
func (d *svgDoc) text(x, y float64, size float64, anchor, fill, weight, s string) {
	d.raw(`<text x="%s" y="%s" font-size="%s" fill="%s"`, px(x), px(y), px(size), fill)
	if anchor != "start" {
		d.raw(` text-anchor="%s"`, anchor)
	}
	if weight != "" {
		d.raw(` font-weight="%s"`, weight)
	}
	d.raw(">%s</text>", esc(s))
}

// wrap breaks s into lines of at most n characters at spaces; a word
// longer than n is broken inside.
func wrap(s string, n int) []string {
	var lines []string
	var cur []rune
	for _, w := range strings.Fields(s) {
		rw := []rune(w)
		for len(rw) > n {
			if len(cur) > 0 {
				lines = append(lines, string(cur))
				cur = nil
			}
			lines = append(lines, string(rw[:n]))
			rw = rw[n:]
		}
		switch {
		case len(cur) == 0:
			cur = rw
		case len(cur)+1+len(rw) <= n:
			cur = append(append(cur, ' '), rw...)
		default:
			lines = append(lines, string(cur))
			cur = rw
		}
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	if len(lines) == 0 {
		lines = []string{""}
	}
	return lines
}

// niceTicks returns about n round tick values covering [lo, hi] (steps of
// 1, 2 or 5 times a power of ten).
func niceTicks(lo, hi float64, n int) []float64 {
	span := hi - lo
	if !(span > 0) {
		return []float64{lo}
	}
	raw := span / float64(n)
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	step := p
	for _, m := range []float64{1, 2, 5, 10} {
		step = m * p
		if step >= raw {
			break
		}
	}
	var out []float64
	for v := math.Ceil(lo/step) * step; v <= hi+step*1e-9; v += step {
		out = append(out, math.Round(v/step)*step)
	}
	return out
}

func tickLabel(v float64) string {
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if len(s) > 6 {
		s = strconv.FormatFloat(v, 'g', 4, 64)
	}
	return s
}
