package report

import (
	"fmt"
	"strings"
)

// The theme map's geometry, in SVG user units. Box widths are fixed and
// names are wrapped at a character count that fits a wide bold sans-serif
// (0.62 em a character), so the text fits whatever font the reader has.
const (
	mapBox      = 210.0
	mapGap      = 28.0
	mapIndent   = 22.0
	mapPad      = 9.0
	mapFont     = 14.0
	mapSubFont  = 13.0
	mapLineH    = 18.0
	mapVGap     = 12.0
	mapMargin   = 10.0
	mapCountH   = 15.0
	mapPerRow   = 4
	mapCharEm   = 0.62
	colourSuper = "#4d4d4d"
	colourSub   = "#dcdcdc"
)

func mapChars(box, font float64) int { return int((box - 2*mapPad) / (font * mapCharEm)) }

// themeMap draws the superordinate themes (dark boxes) with their
// subordinate themes (light boxes) hanging from them, as the source
// study's Figure 1 does; at most four themes a row.
func themeMap(id string, themes []*ThemeView) string {
	type box struct {
		x, y, h float64
		lines   []string
		count   string
		super   bool
	}
	var boxes []box
	var links [][4]float64
	width, height := mapMargin, mapMargin
	rowTop := mapMargin
	for start := 0; start < len(themes); start += mapPerRow {
		row := themes[start:min(start+mapPerRow, len(themes))]
		rowBottom := rowTop
		for i, t := range row {
			x := mapMargin + float64(i)*(mapBox+mapGap)
			lines := wrap(t.Name.String(), mapChars(mapBox, mapFont))
			h := float64(len(lines))*mapLineH + mapCountH + 2*mapPad
			boxes = append(boxes, box{x, rowTop, h, lines, countText(t), true})
			y := rowTop + h
			for _, s := range t.Subthemes {
				y += mapVGap
				sl := wrap(s.Name.String(), mapChars(mapBox-mapIndent, mapSubFont))
				sh := float64(len(sl))*mapLineH + mapCountH + 2*mapPad
				boxes = append(boxes, box{x + mapIndent, y, sh, sl, countText(s), false})
				// An elbow from the theme's left edge to the subtheme's.
				links = append(links, [4]float64{x + mapIndent/2, rowTop + h, x + mapIndent/2, y + sh/2})
				y += sh
			}
			rowBottom = max(rowBottom, y)
			width = max(width, x+mapBox+mapMargin)
		}
		rowTop = rowBottom + 2*mapGap
		height = rowBottom + mapMargin
	}

	var d svgDoc
	d.open(id, width, height, "Themes: superordinate themes (dark) and their subordinate themes (light)", themeMapDescription(themes))
	for _, l := range links {
		d.raw(`<path d="M%s %sV%sH%s" fill="none" stroke="%s" stroke-width="1.5"/>`, px(l[0]), px(l[1]), px(l[3]), px(l[0]+mapIndent/2), colourSuper)
	}
	for _, b := range boxes {
		w, fill, ink, font, weight := mapBox, colourSuper, "#ffffff", mapFont, "bold"
		if !b.super {
			w, fill, ink, font, weight = mapBox-mapIndent, colourSub, colourInk, mapSubFont, ""
		}
		d.rect(b.x, b.y, w, b.h, fill, "", 6)
		for i, l := range b.lines {
			d.text(b.x+mapPad, b.y+mapPad+float64(i+1)*mapLineH-5, font, "start", ink, weight, l)
		}
		d.text(b.x+mapPad, b.y+b.h-mapPad-2, 11, "start", ink, "", b.count)
	}
	return d.close()
}

func countText(t *ThemeView) string {
	return plural(t.Respondents, "patient", "patients")
}

// themeMapDescription lists the themes in words, for screen readers.
func themeMapDescription(themes []*ThemeView) string {
	var parts []string
	for _, t := range themes {
		var subs []string
		for _, s := range t.Subthemes {
			subs = append(subs, s.Name.String())
		}
		switch len(subs) {
		case 0:
			parts = append(parts, t.Name.String()+", without subordinate themes")
		default:
			parts = append(parts, fmt.Sprintf("%s, with %s", t.Name.String(), joinAnd(subs)))
		}
	}
	return fmt.Sprintf("%s: %s.", plural(len(themes), "superordinate theme", "superordinate themes"), strings.Join(parts, "; "))
}
