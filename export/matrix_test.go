package export

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/quant"
)

// TestBuildMatrix checks the levels on smallData, by hand:
//
//	code level, by document: P01/helped has s1 (a), s2 (a, b): a=2 segments,
//	b=1; P01/online s3 (u); P02/helped s4 (b).
//	theme level, by respondent: P01 → T (s1, s2: 2 segments), U (s3: 1);
//	P02 → T (s4).
//	subtheme level: a → S; b (directly under T) → T; u → u.
func TestBuildMatrix(t *testing.T) {
	d := smallData(t)
	for _, tt := range []struct {
		opt     MatrixOptions
		columns []string
		rows    [][]int
	}{
		{MatrixOptions{By: "document", Level: "code", Counts: true}, []string{"a", "b", "u"}, [][]int{{2, 1, 0}, {0, 0, 1}, {0, 1, 0}}},
		{MatrixOptions{By: "respondent", Level: "theme", Counts: true}, []string{"t", "u"}, [][]int{{2, 1}, {1, 0}}},
		{MatrixOptions{By: "respondent", Level: "theme"}, []string{"t", "u"}, [][]int{{1, 1}, {1, 0}}},
		{MatrixOptions{By: "respondent", Level: "subtheme", Counts: true}, []string{"s", "t", "u"}, [][]int{{2, 1, 1}, {0, 1, 0}}},
	} {
		m, err := BuildMatrix(d, tt.opt)
		if err != nil {
			t.Fatal(err)
		}
		var cols []string
		for _, c := range m.Columns {
			cols = append(cols, c.ID)
		}
		if !slices.Equal(cols, tt.columns) {
			t.Errorf("%+v: columns %v, want %v", tt.opt, cols, tt.columns)
			continue
		}
		for i, want := range tt.rows {
			if !slices.Equal(m.Rows[i].Values, want) {
				t.Errorf("%+v: row %d %v, want %v", tt.opt, i, m.Rows[i].Values, want)
			}
		}
	}
}

// TestMatrixMissingAndMeasures: an answer the coding has not reviewed is
// missing (empty cells), not 0; measures join by respondent id, decimals
// written without exponents.
func TestMatrixMissingAndMeasures(t *testing.T) {
	d := smallData(t)
	d.Codings[0].Reviewed = []string{"P01/helped", "P01/online"}
	d.Codings[0].Segments = d.Codings[0].Segments[:3]
	d.Measures = []quant.MeasureResult{{Name: "PSEQ", Result: &quant.Result{Patients: []quant.Patient{
		{ID: "P02", Pre: 22, Post: 30.5, Change: 8.5, RCI: 0.0000012, ReliableChange: quant.NoChange, ClinicalSignificance: quant.NotSignificant},
		{ID: "P01", Pre: 20, Post: 20, RCI: math.NaN(), ReliableChange: quant.NoChange, ClinicalSignificance: quant.NotSignificant},
	}}}}
	m, err := BuildMatrix(d, MatrixOptions{By: "respondent", Level: "theme"})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Write(&buf, CSV); err != nil {
		t.Fatal(err)
	}
	want := "respondent,group,t,u,PSEQ_pre,PSEQ_post,PSEQ_change,PSEQ_rci,PSEQ_reliable_change,PSEQ_clinical_significance\n" +
		"P01,1,1,1,20,20,0,,no change,not significant\n" +
		"P02,2,,,22,30.5,8.5,0.0000012,no change,not significant\n"
	if buf.String() != want {
		t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
	}
	// An index that is not a number is null in JSON (encoding/json cannot
	// write NaN).
	buf.Reset()
	if err := m.Write(&buf, JSON); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"rci": null`) {
		t.Errorf("JSON without a null index:\n%s", buf.String())
	}
}
