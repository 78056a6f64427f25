package agree

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// ParseCategories reads a declared category set such as "1,2,3" or
// "0;0.5;1" (commas, semicolons or spaces between values).
func ParseCategories(s string) ([]float64, error) {
	fields := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\t' })
	if len(fields) == 0 {
		return nil, fmt.Errorf("no categories in %q: list them in order, e.g. 1,2,3", s)
	}
	out := make([]float64, 0, len(fields))
	for _, f := range fields {
		v, err := strconv.ParseFloat(f, 64)
		if err != nil {
			return nil, fmt.Errorf("category %q is not a number: list the categories as numbers, e.g. 1,2,3", f)
		}
		out = append(out, v)
	}
	if _, err := categorySet(out); err != nil {
		return nil, err
	}
	return out, nil
}

// WriteJSON writes the summary as indented JSON.
func WriteJSON(w io.Writer, s *Summary) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// WriteTable writes the summary as an aligned, labelled table for people:
// each coefficient with the units, coders and missing values it used, and
// "undefined" or "n/a" spelled out with the reason.
func WriteTable(w io.Writer, name string, s *Summary) error {
	fmt.Fprintf(w, "Agreement in %s\n", name)
	fmt.Fprintf(w, "%s rated (%d by every coder), %d coders, %s; categories %s\n\n",
		plural(s.UnitsRated, "unit"), s.UnitsComplete, s.Coders, plural(s.MissingValues, "missing value"), categoryText(s.Categories))
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Statistic\tValue\tUnits\tCoders\tMissing\tNote")
	var undefinedSeen, naSeen bool
	for _, row := range s.Rows() {
		r := row.Result
		note := r.Note
		if r.Values > 0 && r.Defined {
			note = strconv.Itoa(r.Values) + " pairable values"
		}
		switch {
		case r.NotApplicable:
			naSeen = true
			fmt.Fprintf(tw, "%s\t%s\t\t\t\t%s\n", row.Label, r, note)
			continue
		case !r.Defined:
			undefinedSeen = true
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%s\n", row.Label, r, r.Units, r.Coders, r.Missing, note)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// tabwriter pads the empty last column; trailing blanks help no reader.
	for _, line := range strings.SplitAfter(table.String(), "\n") {
		io.WriteString(w, strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			io.WriteString(w, "\n")
		}
	}
	fmt.Fprintln(w)
	if undefinedSeen {
		fmt.Fprintln(w, "undefined: the coefficient is 0/0 on these data; it is not 0 and not 1.")
	}
	if naSeen {
		fmt.Fprintln(w, "n/a: the coefficient does not apply to this number of coders or values.")
	}
	fmt.Fprintln(w, "Units: units the coefficient used. Missing: empty cells among the rated units.")
	_, err := fmt.Fprintln(w, "Krippendorff (2004, p. 241) advises relying on variables with alpha >= .800 and drawing\n"+
		"only tentative conclusions from those between .667 and .800; these are conventions, not tests.")
	return err
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func categoryText(cats []float64) string {
	parts := make([]string, 0, len(cats))
	for i, v := range cats {
		if i == 12 && len(cats) > 14 {
			parts = append(parts, fmt.Sprintf("… %d more", len(cats)-12))
			break
		}
		parts = append(parts, formatValue(v))
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
