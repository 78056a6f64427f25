package quant

import (
	"encoding/json"
	"fmt"
	"math"
)

// MarshalJSON writes "higher" or "lower".
func (d Direction) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads "higher" or "lower".
func (d *Direction) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	v, err := ParseDirection(s)
	*d = v
	return err
}

// MarshalJSON writes the category's name, e.g. "no change".
func (r ReliableChange) MarshalJSON() ([]byte, error) { return json.Marshal(r.String()) }

// UnmarshalJSON reads a category name.
func (r *ReliableChange) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	for i, n := range reliableNames {
		if n == s {
			*r = ReliableChange(i)
			return nil
		}
	}
	return fmt.Errorf("unknown reliable change category %q", s)
}

// MarshalJSON writes the category's name, e.g. "okay at baseline".
func (c ClinicalSignificance) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// UnmarshalJSON reads a category name.
func (c *ClinicalSignificance) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	for i, n := range clinicalNames {
		if n == s {
			*c = ClinicalSignificance(i)
			return nil
		}
	}
	return fmt.Errorf("unknown clinical significance category %q", s)
}

type tableRow struct {
	Deterioration int `json:"deterioration"`
	Improvement   int `json:"improvement"`
	NoChange      int `json:"no change"`
}

type tableJSON struct {
	NotSignificant    tableRow `json:"not significant"`
	OkayAtBaseline    tableRow `json:"okay at baseline"`
	SignificantChange tableRow `json:"significant change"`
}

// MarshalJSON writes the table as rows keyed by clinical significance, each
// with all three reliable change columns.
func (t Table) MarshalJSON() ([]byte, error) {
	row := func(c ClinicalSignificance) tableRow {
		return tableRow{t[c][Deterioration], t[c][Improvement], t[c][NoChange]}
	}
	return json.Marshal(tableJSON{row(NotSignificant), row(OkayAtBaseline), row(SignificantChange)})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (t *Table) UnmarshalJSON(b []byte) error {
	var v tableJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	for c, r := range []tableRow{v.NotSignificant, v.OkayAtBaseline, v.SignificantChange} {
		t[c] = [3]int{r.Deterioration, r.Improvement, r.NoChange}
	}
	return nil
}

// MarshalJSON writes the mean and SD, each null when undefined (the SD of
// a single score), since JSON has no NaN.
func (d Distribution) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Mean *float64 `json:"mean"`
		SD   *float64 `json:"sd"`
	}{finitePtr(d.Mean), finitePtr(d.SD)})
}

// UnmarshalJSON reads the form MarshalJSON writes; null becomes NaN.
func (d *Distribution) UnmarshalJSON(b []byte) error {
	var v struct {
		Mean *float64 `json:"mean"`
		SD   *float64 `json:"sd"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	d.Mean, d.SD = math.NaN(), math.NaN()
	if v.Mean != nil {
		d.Mean = *v.Mean
	}
	if v.SD != nil {
		d.SD = *v.SD
	}
	return nil
}

func finitePtr(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}
