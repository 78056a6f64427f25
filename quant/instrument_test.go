package quant

import (
	"math"
	"strings"
	"testing"
)

func TestBuiltinsLoad(t *testing.T) {
	want := map[string]struct {
		items, subscales int
		lo, hi           int
	}{
		"fscrs":  {22, 3, 0, 4},
		"pseq":   {10, 0, 0, 6},
		"scs-sf": {12, 0, 1, 5},
	}
	if got := strings.Join(Builtins(), ","); got != "fscrs,pseq,scs-sf" {
		t.Errorf("Builtins() = %s", got)
	}
	for name, w := range want {
		in, err := Builtin(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(in.Items) != w.items || len(in.Subscales) != w.subscales || *in.Range.Min != w.lo || *in.Range.Max != w.hi {
			t.Errorf("%s: %d items, %d subscales, range %d-%d", name, len(in.Items), len(in.Subscales), *in.Range.Min, *in.Range.Max)
		}
		if in.Citation == "" {
			t.Errorf("%s has no citation", name)
		}
	}
	// The reliabilities the source study used (Brown et al. 2022, §2.3).
	alphas := []struct {
		inst, sub string
		r         float64
		cites     string
	}{
		{"scs-sf", "", 0.83, "Davey"}, {"pseq", "", 0.88, "Woby"},
		{"fscrs", "hated", 0.87, "Baião"}, {"fscrs", "reassured", 0.86, "Baião"}, {"fscrs", "inadequate", 0.89, "Baião"},
	}
	for _, a := range alphas {
		in, _ := Builtin(a.inst)
		s, err := in.Score(a.sub)
		if err != nil {
			t.Fatal(err)
		}
		if s.Reliability.Value != a.r || !strings.Contains(s.Reliability.Source, a.cites) || !strings.Contains(s.Reliability.Source, "Brown") {
			t.Errorf("%s %s: reliability %+v", a.inst, a.sub, s.Reliability)
		}
	}
}

func TestFSCRSSubscalesPartitionItems(t *testing.T) {
	in, _ := Builtin("fscrs")
	seen := map[string]string{}
	for _, s := range in.Subscales {
		for _, it := range s.Items {
			if prev, dup := seen[it]; dup {
				t.Errorf("%s is in %s and %s", it, prev, s.Name)
			}
			seen[it] = s.Name
		}
	}
	if len(seen) != 22 {
		t.Errorf("subscales cover %d items, want all 22", len(seen))
	}
}

func responses(keys []string, vals ...float64) map[string]float64 {
	m := map[string]float64{}
	for i, k := range keys {
		m[k] = vals[i]
	}
	return m
}

func TestCompute(t *testing.T) {
	nan := math.NaN()
	scs, _ := Builtin("scs-sf")
	fscrs, _ := Builtin("fscrs")
	pseq, _ := Builtin("pseq")
	hated, _ := fscrs.Score("hated")
	reassured, _ := fscrs.Score("reassured")
	hatedKeys := []string{"fscrs_9", "fscrs_10", "fscrs_12", "fscrs_15", "fscrs_22"}
	tests := []struct {
		name string
		in   *Instrument
		s    *Score
		resp map[string]float64
		want float64
	}{
		// All 3s: reversed items give 6 − 3 = 3 too, mean 3.
		{"scs all 3", scs, scs.Total, responses(scs.Items, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 3},
		// Forward items (2,3,5,6,7,10) answered 5, reversed (1,4,8,9,11,12)
		// answered 1 → every scored item is 5.
		{"scs reversal", scs, scs.Total, responses(scs.Items, 1, 5, 5, 1, 5, 5, 5, 1, 1, 5, 1, 1), 5},
		// Item 1 = 1 → 5; item 2 = 2; the rest 3: (5 + 2 + 10·3)/12 = 37/12.
		{"scs mixed", scs, scs.Total, responses(scs.Items, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3), 37.0 / 12},
		// Two of 12 missing is allowed: mean of the 10 answered: (5 + 2 + 8·3)/10 = 3.1.
		{"scs prorated", scs, scs.Total, responses(scs.Items, 1, 2, 3, 3, 3, 3, 3, 3, 3, 3, nan, nan), 3.1},
		{"scs three missing", scs, scs.Total, responses(scs.Items, 1, 2, 3, 3, 3, 3, 3, 3, 3, nan, nan, nan), nan},
		{"hated sum", fscrs, hated, responses(hatedKeys, 4, 3, 2, 1, 0), 10},
		// One of five missing: (4+3+2+1)/4 × 5 = 12.5.
		{"hated prorated", fscrs, hated, responses(hatedKeys, 4, 3, 2, 1, nan), 12.5},
		{"hated two missing", fscrs, hated, responses(hatedKeys, 4, 3, 2, nan, nan), nan},
		// Reassured ignores the hated items.
		{"reassured absent", fscrs, reassured, responses(hatedKeys, 4, 4, 4, 4, 4), nan},
		{"pseq max", pseq, pseq.Total, responses(pseq.Items, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6), 60},
		{"pseq", pseq, pseq.Total, responses(pseq.Items, 0, 1, 2, 3, 4, 5, 6, 0, 1, 2), 24},
	}
	for _, tt := range tests {
		got := tt.in.Compute(tt.s, tt.resp)
		if math.IsNaN(tt.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tt.want) > 1e-12) {
			t.Errorf("%s: got %v, want %v", tt.name, got, tt.want)
		}
	}
}

const myScale = `name: my-scale
title: My scale
citation: "Me (2026)"
items: [m_1, m_2, m_3, m_4]
range: {min: 0, max: 3}
reverse: [m_2]
missing: {max_missing: 1}
total:
  scoring: sum
  direction: lower
  reliability: {value: 0.8, source: "Me (2026)"}
  norm: {mean: 3, sd: 2, source: "Me (2026), non-clinical sample"}
subscales:
  - name: first
    items: [m_1, m_2]
    scoring: mean
    direction: lower
`

func TestParseInstrument(t *testing.T) {
	in, err := ParseInstrument("my.yaml", []byte(myScale))
	if err != nil {
		t.Fatal(err)
	}
	// m_2 = 0 reversed is 3: 1 + 3 + 2 + 0 = 6.
	if got := in.Compute(in.Total, responses(in.Items, 1, 0, 2, 0)); got != 6 {
		t.Errorf("total = %v, want 6", got)
	}
	if got, _ := in.Score("FIRST"); got == nil || got.Name != "first" {
		t.Errorf("subscale lookup is not case-insensitive")
	}
	if _, err := in.Score("second"); err == nil || !strings.Contains(err.Error(), "first") {
		t.Errorf("unknown subscale: %v", err)
	}
}

func TestParseInstrumentErrors(t *testing.T) {
	tests := []struct {
		name, edit, want string
	}{
		{"unknown key", "title: My scale\ncolour: red", "my.yaml:3:1: unknown key \"colour\""},
		{"valid", "", ""}, // control: no error
		{"reverse missing item", "reverse: [m_9]", "my.yaml:6:11: reverse-scored item \"m_9\" is not one of"},
		{"subscale unknown item", "    items: [m_1, m_2]", "my.yaml:15:18: subscale \"first\" uses item \"m_7\""},
		{"range", "range: {min: 0, max: 3}", "my.yaml:5:8: range min 3 must be below max 3"},
		{"scoring", "  scoring: sum", "my.yaml:9:12: scoring \"median\" is not known"},
		{"reliability", "reliability: {value: 0.8, source: \"Me (2026)\"}", "reliability 1.2 must be between 0 and 1"},
		{"norm source", "  norm: {mean: 3, sd: 2, source: \"Me (2026), non-clinical sample\"}", "norm has no \"source\""},
		{"no scores", "", "has no scores"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := myScale
			switch tt.name {
			case "unknown key":
				src = strings.Replace(src, "title: My scale", tt.edit, 1)
			case "reverse missing item":
				src = strings.Replace(src, "reverse: [m_2]", tt.edit, 1)
			case "subscale unknown item":
				src = strings.Replace(src, tt.edit, "    items: [m_1, m_7]", 1)
			case "range":
				src = strings.Replace(src, tt.edit, "range: {min: 3, max: 3}", 1)
			case "scoring":
				src = strings.Replace(src, tt.edit, "  scoring: median", 1)
			case "reliability":
				src = strings.Replace(src, "reliability: {value: 0.8,", "reliability: {value: 1.2,", 1)
			case "norm source":
				src = strings.Replace(src, tt.edit, "  norm: {mean: 3, sd: 2}", 1)
			case "no scores":
				src = src[:strings.Index(src, "total:")]
			}
			_, err := ParseInstrument("my.yaml", []byte(src))
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v\nwant it to contain %q", err, tt.want)
			}
		})
	}
}

func TestResolveInstrument(t *testing.T) {
	if _, err := ResolveInstrument("SCS-SF", t.TempDir()); err != nil {
		t.Errorf("built-in names are case-insensitive: %v", err)
	}
	_, err := ResolveInstrument("phq-9", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "not built in (built in: fscrs, pseq, scs-sf)") {
		t.Errorf("unknown instrument: %v", err)
	}
	_, err = ResolveInstrument("instruments/nope.yaml", t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Errorf("missing file: %v", err)
	}
}

func FuzzParseInstrument(f *testing.F) {
	f.Add([]byte(myScale))
	for _, name := range Builtins() {
		data, _ := builtinFS.ReadFile("instruments/" + name + ".yaml")
		f.Add(data)
	}
	f.Add([]byte("name: x\nitems: [a]\nrange: {min: 1, max: 0}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := ParseInstrument("fuzz.yaml", data)
		if err != nil {
			return
		}
		// A valid instrument scores any in-range answers without panicking,
		// and every score it names can be found.
		resp := map[string]float64{}
		for _, it := range in.Items {
			resp[it] = float64(*in.Range.Min)
		}
		for _, name := range in.ScoreNames() {
			s, err := in.Score(name)
			if err != nil {
				t.Fatalf("score %q: %v", name, err)
			}
			if v := in.Compute(s, resp); math.IsInf(v, 0) {
				t.Fatalf("score %q is infinite", name)
			}
		}
	})
}
