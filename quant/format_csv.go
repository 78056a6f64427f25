package quant

import (
	"encoding/csv"
	"io"
	"strconv"
)

// csvNames are the CSV columns of the extra patient columns.
var csvNames = map[string][]string{
	"category":   {"category"},
	"% change":   {"pct_change", "percentage_change"},
	"percentage": nil,
	"anchor":     {"anchor_change"},
}

// writeCSV writes one row per patient, or, when the results were computed
// with Options.Summary (no patient rows), one row per table cell. Numbers
// keep full precision.
func writeCSV(w io.Writer, rs []MeasureResult) error {
	cw := csv.NewWriter(w)
	// Numbers at full precision; an empty cell where there is none.
	full := func(x float64) string {
		if !finite(x) {
			return ""
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	name := func(s string, empty bool) string {
		if empty {
			return ""
		}
		return s
	}
	summary := true
	for _, m := range rs {
		if len(m.Patients) > 0 {
			summary = false
		}
	}
	if summary {
		cw.Write([]string{"measure", "clinical_significance", "reliable_change", "count"})
		for _, m := range rs {
			for _, cs := range rowOrder {
				for _, rc := range colOrder {
					cw.Write([]string{m.Name, cs.String(), rc.String(), strconv.Itoa(m.Table[cs][rc])})
				}
			}
		}
	} else {
		var first []Patient
		for _, m := range rs {
			if len(m.Patients) > 0 {
				first = m.Patients[:1]
				break
			}
		}
		head, _ := patientColumns(first)
		cols := []string{"measure", "id", "pre", "post", "change", "rci", "reliable_change", "clinical_significance"}
		extra := head[7:]
		for _, h := range extra {
			cols = append(cols, csvNames[h]...)
		}
		cw.Write(cols)
		for _, m := range rs {
			for _, p := range m.Patients {
				row := []string{m.Name, p.ID, full(p.Pre), full(p.Post), full(p.Change), full(p.RCI), name(p.ReliableChange.String(), p.ReliableChange == ChangeNotComputable), p.ClinicalSignificance.String()}
				for _, h := range extra {
					switch h {
					case "category":
						row = append(row, name(p.Category.String(), p.Category == CategoryNotComputable || p.Category == NoCategory))
					case "% change":
						row = append(row, full(p.PctChange), name(p.Percentage.String(), p.Percentage == ClassNotComputable || p.Percentage == NoClass))
					case "anchor":
						row = append(row, name(p.Anchor.String(), p.Anchor == ClassNotComputable || p.Anchor == NoClass))
					}
				}
				cw.Write(row)
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
