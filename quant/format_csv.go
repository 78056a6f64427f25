package quant

import (
	"encoding/csv"
	"io"
	"strconv"
)

// writeCSV writes one row per patient, or, when the results were computed
// with Options.Summary (no patient rows), one row per table cell. Numbers
// keep full precision.
func writeCSV(w io.Writer, rs []MeasureResult) error {
	cw := csv.NewWriter(w)
	full := func(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }
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
		cw.Write([]string{"measure", "id", "pre", "post", "change", "rci", "reliable_change", "clinical_significance"})
		for _, m := range rs {
			for _, p := range m.Patients {
				cw.Write([]string{m.Name, p.ID, full(p.Pre), full(p.Post), full(p.Change), full(p.RCI), p.ReliableChange.String(), p.ClinicalSignificance.String()})
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
