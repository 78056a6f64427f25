package agree

import (
	"bytes"
	"encoding/json"
	"testing"
)

// The JSON keys are a public contract (issue 4): each statistic is a number
// or null, alpha is an object keyed by level, and the counts are present.
func TestSummaryJSONKeys(t *testing.T) {
	m := fromRows(t, []float64{1, 2, 3, 4, 5}, krippendorff2011)
	var buf bytes.Buffer
	if err := WriteJSON(&buf, Summarize(m, Nominal, Ordinal)); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	numbers := []string{"percent_agreement", "all_agree", "fleiss_kappa", "fleiss_kappa_missing", "light_kappa", "brennan_prediger", "gwet_ac1"}
	nulls := []string{"cohen_kappa", "scott_pi"} // four coders: not applicable
	counts := map[string]float64{"units_rated": 12, "units_complete": 8, "coders": 4, "missing_values": 7}
	for _, k := range numbers {
		if _, ok := got[k].(float64); !ok {
			t.Errorf("%s = %v, want a number", k, got[k])
		}
	}
	for _, k := range nulls {
		if v, ok := got[k]; !ok || v != nil {
			t.Errorf("%s = %v (present %v), want null", k, v, ok)
		}
	}
	for k, want := range counts {
		if got[k] != want {
			t.Errorf("%s = %v, want %v", k, got[k], want)
		}
	}
	alpha, ok := got["krippendorff_alpha"].(map[string]any)
	if !ok || len(alpha) != 2 || alpha["nominal"] == nil || alpha["ordinal"] == nil {
		t.Errorf("krippendorff_alpha = %v, want nominal and ordinal", got["krippendorff_alpha"])
	}
	details := got["details"].(map[string]any)
	cohen := details["cohen_kappa"].(map[string]any)
	if cohen["status"] != "not applicable" || cohen["note"] == "" {
		t.Errorf("details.cohen_kappa = %v", cohen)
	}
	a := details["krippendorff_alpha.nominal"].(map[string]any)
	if a["pairable_values"] != 40.0 || a["units"] != 11.0 || a["missing_values"] != 7.0 {
		t.Errorf("details alpha = %v", a)
	}
}
