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

// MarshalJSON writes the category's name, e.g. "no change", or null when
// not computable.
func (r ReliableChange) MarshalJSON() ([]byte, error) {
	if r == ChangeNotComputable {
		return []byte("null"), nil
	}
	return json.Marshal(r.String())
}

// UnmarshalJSON reads a category name; null is not computable.
func (r *ReliableChange) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		*r = ChangeNotComputable
		return nil
	}
	for i, n := range reliableNames[:3] {
		if n == *s {
			*r = ReliableChange(i)
			return nil
		}
	}
	return fmt.Errorf("unknown reliable change category %q", *s)
}

// MarshalJSON writes the category's name, or null when not computable.
func (c Category) MarshalJSON() ([]byte, error) {
	if c == CategoryNotComputable || c == NoCategory {
		return []byte("null"), nil
	}
	return json.Marshal(c.String())
}

// UnmarshalJSON reads a category name; null is not computable.
func (c *Category) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		*c = CategoryNotComputable
		return nil
	}
	for i, n := range categoryNames {
		if i > 0 && n == *s {
			*c = Category(i)
			return nil
		}
	}
	return fmt.Errorf("unknown category %q", *s)
}

// MarshalJSON writes the class's name, or null when not computable.
func (c ChangeClass) MarshalJSON() ([]byte, error) {
	if c == ClassNotComputable || c == NoClass {
		return []byte("null"), nil
	}
	return json.Marshal(c.String())
}

// UnmarshalJSON reads a class name; null is not computable.
func (c *ChangeClass) UnmarshalJSON(b []byte) error {
	var s *string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == nil {
		*c = ClassNotComputable
		return nil
	}
	for i, n := range classNames {
		if i > 0 && n == *s {
			*c = ChangeClass(i)
			return nil
		}
	}
	return fmt.Errorf("unknown change class %q", *s)
}

// MarshalJSON writes the patient's fields in a fixed order: id, pre, post,
// change, rci (null when not computable), reliable_change,
// clinical_significance, then category, pct_change and percentage_change,
// and anchor_change when those were asked for.
func (p Patient) MarshalJSON() ([]byte, error) { return appendPatient(nil, p, false), nil }

// UnmarshalJSON reads what MarshalJSON writes; null numbers become NaN.
func (p *Patient) UnmarshalJSON(b []byte) error {
	var v struct {
		ID                   string               `json:"id"`
		Pre                  float64              `json:"pre"`
		Post                 float64              `json:"post"`
		Change               float64              `json:"change"`
		RCI                  *float64             `json:"rci"`
		ReliableChange       ReliableChange       `json:"reliable_change"`
		ClinicalSignificance ClinicalSignificance `json:"clinical_significance"`
		Category             *json.RawMessage     `json:"category"`
		PctChange            *float64             `json:"pct_change"`
		Percentage           *json.RawMessage     `json:"percentage_change"`
		Anchor               *json.RawMessage     `json:"anchor_change"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*p = Patient{ID: v.ID, Pre: v.Pre, Post: v.Post, Change: v.Change, RCI: math.NaN(), PctChange: math.NaN(),
		ReliableChange: v.ReliableChange, ClinicalSignificance: v.ClinicalSignificance}
	if v.RCI != nil {
		p.RCI = *v.RCI
	}
	if v.PctChange != nil {
		p.PctChange = *v.PctChange
	}
	if v.Category != nil {
		if err := p.Category.UnmarshalJSON(*v.Category); err != nil {
			return err
		}
	}
	for _, f := range []struct {
		raw *json.RawMessage
		to  *ChangeClass
	}{{v.Percentage, &p.Percentage}, {v.Anchor, &p.Anchor}} {
		if f.raw != nil {
			if err := f.to.UnmarshalJSON(*f.raw); err != nil {
				return err
			}
		}
	}
	return nil
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
