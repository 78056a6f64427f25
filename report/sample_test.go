package report_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/report"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const sampleDir = "../sample-data"

// reportDate is the date the sample's reports are stamped with.
var reportDate = time.Date(2026, 3, 30, 12, 0, 0, 0, time.UTC)

// sampleReport makes the sample study's report as mixeval report would.
func sampleReport(t testing.TB, req backend.ReportRequest) *backend.ReportResult {
	t.Helper()
	b, err := backend.Open(sampleDir, backend.Options{Now: func() time.Time { return reportDate }})
	if err != nil {
		t.Fatal(err)
	}
	if req.Version == "" {
		req.Version = "test"
	}
	res, err := b.Report(req)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestSampleMarkdownGolden compares the sample study's Markdown report
// and the names of its figures with testdata/sample.md. Run with -update
// after a deliberate change and review the diff; the tests below check
// its numbers and quotes against the engine and the coder files.
func TestSampleMarkdownGolden(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	md, figs, err := res.Render(report.FormatMarkdown, "sample-figures")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range figs {
		names = append(names, f.Path)
		if !bytes.HasPrefix(f.SVG, []byte("<svg ")) || !bytes.Contains(f.SVG, []byte(`role="img"`)) {
			t.Errorf("%s is not an accessible SVG image", f.Path)
		}
		if !bytes.Contains(md, []byte("]("+f.Path+")")) {
			t.Errorf("the report does not link to %s", f.Path)
		}
	}
	want := []string{"sample-figures/jt-scs-sf.svg", "sample-figures/jt-pseq.svg", "sample-figures/jt-fscrs-hated.svg", "sample-figures/jt-fscrs-reassured.svg", "sample-figures/jt-fscrs-inadequate.svg"}
	if !slices.Equal(names, want) {
		t.Errorf("figures %q, want %q", names, want)
	}
	golden := filepath.Join("testdata", "sample.md")
	if *update {
		if err := os.WriteFile(golden, md, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	old, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(md, old) {
		t.Errorf("the sample's Markdown report differs from %s (run go test ./report -run Golden -update and review the diff)", golden)
	}
}

// engine is the quant engine's JSON for the sample study, read back as
// plain maps: the numbers the report must show.
type engine struct {
	Measures []engineMeasure `json:"measures"`
}

// engineMeasure is one measure: its first pair of time points (pre to
// post) inline, as the engine writes it, and the other pairs.
type engineMeasure struct {
	Name string `json:"name"`
	engineResult
	Pairs []engineResult `json:"pairs"`
}

// Results lists the measure's pairs, pre to post first.
func (m engineMeasure) Results() []engineResult {
	return append([]engineResult{m.engineResult}, m.Pairs...)
}

type engineResult struct {
	From        string             `json:"from"`
	To          string             `json:"to"`
	N           int                `json:"n"`
	Reliability float64            `json:"reliability"`
	Z           float64            `json:"z"`
	Criterion   string             `json:"criterion"`
	Cutoffs     map[string]float64 `json:"cutoffs"`
	SDiff       float64            `json:"s_diff"`
	RCThreshold float64            `json:"rc_threshold"`
	Direction   string             `json:"direction"`
	Clinical    map[string]float64 `json:"clinical"`
	Excluded    []string           `json:"excluded"`
	Table       map[string]map[string]int
	Summary     struct {
		N          int                `json:"n"`
		Pre        map[string]float64 `json:"pre"`
		Post       map[string]float64 `json:"post"`
		MeanChange float64            `json:"mean_change"`
		Reliable   map[string]int     `json:"reliable_change"`
		Clinical   map[string]int     `json:"clinical_significance"`
	} `json:"summary"`
	Effects struct {
		MeanChangeCI *struct{ Lower, Upper float64 } `json:"mean_change_ci"`
		EffectSize   *struct {
			D  float64 `json:"d"`
			CI struct{ Lower, Upper float64 }
		} `json:"effect_size"`
		Wilcoxon *struct {
			P *float64 `json:"p"`
		} `json:"wilcoxon"`
	} `json:"effects"`
	Patients []struct {
		ID       string  `json:"id"`
		Pre      float64 `json:"pre"`
		Post     float64 `json:"post"`
		RCI      float64 `json:"rci"`
		Reliable string  `json:"reliable_change"`
		Clinical string  `json:"clinical_significance"`
	} `json:"patients"`
}

// label is the result's name in Table 2: the measure, and the pair when
// it is not pre to post.
func (r engineResult) label(measure string) string {
	if r.From == "pre" && r.To == "post" {
		return measure
	}
	return measure + ", " + r.From + " → " + r.To
}

func loadEngine(t *testing.T) *engine {
	t.Helper()
	b, err := backend.Open(sampleDir, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rs, err := b.Quant(quant.StudyOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := quant.WriteStudyJSON(&buf, rs); err != nil {
		t.Fatal(err)
	}
	var e engine
	if err := json.Unmarshal(buf.Bytes(), &e); err != nil {
		t.Fatal(err)
	}
	return &e
}

// mdTable returns the rows of the first table after the line holding
// title, each cell unescaped (\| → |, <br> → newline, \x → x).
func mdTable(t *testing.T, md, title string) [][]string {
	t.Helper()
	i := strings.Index(md, title)
	if i < 0 {
		t.Fatalf("no %q in the report", title)
	}
	var rows [][]string
	started := false
	for _, line := range strings.Split(md[i:], "\n")[1:] {
		if !strings.HasPrefix(line, "|") {
			if started {
				break
			}
			continue
		}
		started = true
		if strings.HasPrefix(line, "|---") || strings.HasPrefix(line, "| ---") {
			continue
		}
		rows = append(rows, splitCells(line))
	}
	return rows[1:] // without the header
}

// splitCells splits a table line at its unescaped pipes.
func splitCells(line string) []string {
	line = strings.TrimSpace(line)
	line = strings.TrimPrefix(strings.TrimSuffix(line, "|"), "|")
	var cells []string
	var cur strings.Builder
	for i := 0; i < len(line); i++ {
		switch {
		case line[i] == '\\' && i+1 < len(line):
			cur.WriteByte(line[i+1])
			i++
		case line[i] == '|':
			cells = append(cells, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteByte(line[i])
		}
	}
	cells = append(cells, strings.TrimSpace(cur.String()))
	for i := range cells {
		cells[i] = strings.ReplaceAll(cells[i], "<br>", "\n")
	}
	return cells
}

// near checks a number shown with two decimals against the engine's.
func near(t *testing.T, what, shown string, want float64) {
	t.Helper()
	got, err := strconv.ParseFloat(shown, 64)
	if err != nil {
		t.Errorf("%s: %q is not a number", what, shown)
		return
	}
	if math.Abs(got-want) > 0.005+1e-9 {
		t.Errorf("%s: shown %s, engine %v", what, shown, want)
	}
}

// TestSampleNumbersMatchEngine reads every number of the Markdown report's
// quantitative tables and checks it against the quant engine's JSON: the
// Table 2 blocks, each measure's settings, group summary and plotted
// scores, and the case appendix.
func TestSampleNumbersMatchEngine(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	raw, _, err := res.Render(report.FormatMarkdown, "figs")
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	e := loadEngine(t)

	// Table 2: per measure and pair of time points a label row, then its
	// three rows of counts.
	t2 := mdTable(t, md, "number of patients per measure")
	i := 0
	for _, m := range e.Measures {
		for _, r := range m.Results() {
			if i+4 > len(t2) {
				t.Fatalf("Table 2 ends at row %d, before %s", i, r.label(m.Name))
			}
			if want := fmt.Sprintf("**%s** (n = %d)", r.label(m.Name), r.N); t2[i][0] != want {
				t.Errorf("Table 2 row %d: %q, want %q", i, t2[i][0], want)
			}
			for j, cs := range []string{"not significant", "okay at baseline", "significant change"} {
				row := t2[i+1+j]
				if !strings.EqualFold(strings.TrimSuffix(row[0], " ᵃ"), cs) {
					t.Errorf("%s row %d is %q, want %q", r.label(m.Name), j, row[0], cs)
				}
				for k, rc := range []string{"deterioration", "improvement", "no change"} {
					if want := strconv.Itoa(r.Table[cs][rc]); row[1+k] != want {
						t.Errorf("%s [%s][%s] = %s, engine %s", r.label(m.Name), cs, rc, row[1+k], want)
					}
				}
			}
			i += 4
		}
	}
	if i != len(t2) {
		t.Errorf("Table 2 has %d rows, want %d", len(t2), i)
	}

	for _, m := range e.Measures {
		set := map[string]string{}
		for _, row := range mdTable(t, md, "**"+m.Name+": how change was judged**") {
			set[row[0]] = row[1]
		}
		near(t, m.Name+" cut-off", set["Cut-off"], m.Cutoffs[m.Criterion])
		near(t, m.Name+" S_diff", strings.Fields(set["S_diff"])[0], m.SDiff)
		near(t, m.Name+" RC threshold", strings.Fields(set["Reliable change"])[4], m.RCThreshold)
		if !strings.HasPrefix(set["Reliability"], fmt.Sprintf("r = %v ", m.Reliability)) {
			t.Errorf("%s reliability %q, engine %v", m.Name, set["Reliability"], m.Reliability)
		}
		if !strings.HasPrefix(set["Criterion"], m.Criterion+":") || !strings.HasPrefix(set["Direction"], m.Direction+" ") {
			t.Errorf("%s criterion %q, direction %q; engine %s, %s", m.Name, set["Criterion"], set["Direction"], m.Criterion, m.Direction)
		}
		if !strings.Contains(set["Reliable change"], fmt.Sprintf("z = %v ", m.Z)) {
			t.Errorf("%s z: %q, engine %v", m.Name, set["Reliable change"], m.Z)
		}

		// The group summary: a column per pair of time points.
		sum := map[string][]string{}
		for _, row := range mdTable(t, md, "**"+m.Name+": group summary**") {
			sum[row[0]] = row[1:]
		}
		for k, r := range m.Results() {
			s := r.Summary
			what := m.Name + " " + r.From + "→" + r.To
			if len(sum["Patients with both scores"]) != len(m.Results()) {
				t.Fatalf("%s: the summary has %d columns, want %d", m.Name, len(sum["Patients with both scores"]), len(m.Results()))
			}
			if sum["Patients with both scores"][k] != strconv.Itoa(s.N) {
				t.Errorf("%s n %q, engine %d", what, sum["Patients with both scores"][k], s.N)
			}
			var preM, preSD, postM, postSD string
			fmt.Sscanf(sum["Score before"][k], "mean %s (SD %s", &preM, &preSD)
			fmt.Sscanf(sum["Score after"][k], "mean %s (SD %s", &postM, &postSD)
			near(t, what+" pre mean", preM, s.Pre["mean"])
			near(t, what+" pre SD", strings.TrimSuffix(preSD, ")"), s.Pre["sd"])
			near(t, what+" post mean", postM, s.Post["mean"])
			near(t, what+" post SD", strings.TrimSuffix(postSD, ")"), s.Post["sd"])
			var mc, lo, hi string
			fmt.Sscanf(sum["Mean change (95% CI)"][k], "%s (%s to %s)", &mc, &lo, &hi)
			near(t, what+" mean change", mc, s.MeanChange)
			near(t, what+" mean change CI lower", lo, r.Effects.MeanChangeCI.Lower)
			near(t, what+" mean change CI upper", strings.TrimSuffix(hi, ")"), r.Effects.MeanChangeCI.Upper)
			fmt.Sscanf(sum["Standardised mean change d (95% CI)"][k], "%s (%s to %s)", &mc, &lo, &hi)
			near(t, what+" d", mc, r.Effects.EffectSize.D)
			near(t, what+" d CI lower", lo, r.Effects.EffectSize.CI.Lower)
			near(t, what+" d CI upper", strings.TrimSuffix(strings.TrimSuffix(hi, ","), ")"), r.Effects.EffectSize.CI.Upper)
			var v, p string
			fmt.Sscanf(sum["Wilcoxon signed-rank test"][k], "V = %s p = %s", &v, &p)
			if got, err := strconv.ParseFloat(p, 64); err != nil || math.Abs(got-*r.Effects.Wilcoxon.P) > 0.0005 {
				t.Errorf("%s Wilcoxon p %q, engine %v", what, sum["Wilcoxon signed-rank test"][k], *r.Effects.Wilcoxon.P)
			}
			if want := fmt.Sprintf("improvement %d, no change %d, deterioration %d", s.Reliable["improvement"], s.Reliable["no change"], s.Reliable["deterioration"]); sum["Reliable change"][k] != want {
				t.Errorf("%s reliable change %q, engine %q", what, sum["Reliable change"][k], want)
			}
			if want := fmt.Sprintf("significant change %d, okay at baseline %d, not significant %d", s.Clinical["significant change"], s.Clinical["okay at baseline"], s.Clinical["not significant"]); sum["Clinical significance"][k] != want {
				t.Errorf("%s clinical significance %q, engine %q", what, sum["Clinical significance"][k], want)
			}
		}

		plotted := mdTable(t, md, "**"+m.Name+": the scores plotted**")
		if len(plotted) != len(m.Patients) {
			t.Errorf("%s: %d patients plotted, engine %d", m.Name, len(plotted), len(m.Patients))
			continue
		}
		for i, p := range m.Patients {
			row := plotted[i]
			if row[0] != p.ID {
				t.Errorf("%s plotted row %d is %s, engine %s", m.Name, i, row[0], p.ID)
			}
			near(t, m.Name+" "+p.ID+" pre", row[1], p.Pre)
			near(t, m.Name+" "+p.ID+" post", row[2], p.Post)
			near(t, m.Name+" "+p.ID+" RCI", row[3], p.RCI)
		}
	}

	// The case appendix of the first measure: every patient once, sorted
	// by RCI from the worst (signed so that positive is better).
	m := e.Measures[0]
	cases := mdTable(t, md, "**"+m.Name+": every scored patient")
	byID := map[string]int{}
	for i, p := range m.Patients {
		byID[p.ID] = i
	}
	sign := 1.0
	if m.Direction == "lower" {
		sign = -1
	}
	prev := math.Inf(-1)
	for _, row := range cases {
		i, ok := byID[row[0]]
		if !ok {
			t.Errorf("case %s is not a patient of %s", row[0], m.Name)
			continue
		}
		p := m.Patients[i]
		delete(byID, row[0])
		near(t, "case "+p.ID+" pre", row[1], p.Pre)
		near(t, "case "+p.ID+" post", row[2], p.Post)
		near(t, "case "+p.ID+" RCI", row[3], p.RCI)
		if row[4] != p.Reliable || row[5] != p.Clinical {
			t.Errorf("case %s: %s, %s; engine %s, %s", p.ID, row[4], row[5], p.Reliable, p.Clinical)
		}
		if p.RCI*sign < prev {
			t.Errorf("case %s (RCI %v) is out of order", p.ID, p.RCI)
		}
		prev = p.RCI * sign
	}
	if len(byID) > 0 {
		t.Errorf("patients missing from the case appendix: %v", byID)
	}
}

// sampleCoding is the sample's coding as the report should read it,
// parsed here with plain YAML and CSV readers, apart from mixeval's own:
// the answers (feedback.csv), alice's segments (the first coder: the
// sample has no consensus) and the codebook's code → top-level theme map.
type sampleCoding struct {
	texts    map[string]string // document id → answer
	answered map[string]bool   // respondent → gave a non-blank answer
	segments []segment
	theme    map[string]string // code → top-level theme name
}

type segment struct {
	Document string   `yaml:"document"`
	Start    int      `yaml:"start"`
	End      int      `yaml:"end"`
	Codes    []string `yaml:"codes"`
}

func loadSampleCoding(t *testing.T) *sampleCoding {
	t.Helper()
	sc := &sampleCoding{texts: map[string]string{}, answered: map[string]bool{}, theme: map[string]string{}}
	f, err := os.Open(filepath.Join(sampleDir, "sources", "feedback.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]string{
		"What did you find most helpful about the group?": "helped",
		"What could be improved about the group?":         "improve",
		"What was it like attending the group online?":    "online",
	}
	for _, row := range rows[1:] {
		for c, head := range rows[0] {
			if l, ok := labels[head]; ok {
				sc.texts[row[3]+"/"+l] = row[c]
				if strings.TrimSpace(row[c]) != "" {
					sc.answered[row[3]] = true
				}
			}
		}
	}
	var coder struct {
		Segments []segment `yaml:"segments"`
	}
	data, err := os.ReadFile(filepath.Join(sampleDir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &coder); err != nil {
		t.Fatal(err)
	}
	sc.segments = coder.Segments
	type node struct {
		ID        string `yaml:"id"`
		Name      string `yaml:"name"`
		Subthemes []node `yaml:"subthemes"`
		Codes     []node `yaml:"codes"`
	}
	var cb struct {
		Themes []node `yaml:"themes"`
	}
	data, err = os.ReadFile(filepath.Join(sampleDir, "codebook.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(data, &cb); err != nil {
		t.Fatal(err)
	}
	var walk func(n node, top string)
	walk = func(n node, top string) {
		for _, c := range n.Codes {
			sc.theme[c.ID] = top
		}
		for _, s := range n.Subthemes {
			walk(s, top)
		}
	}
	for _, th := range cb.Themes {
		walk(th, th.Name)
	}
	return sc
}

// quote returns the answer's code points [start, end).
func (sc *sampleCoding) quote(doc string, start, end int) string {
	r := []rune(sc.texts[doc])
	return string(r[start:end])
}

// TestSampleJointDisplayMatchesEngine recomputes the first measure's joint
// display from the engine's categories, the answers and alice's segments,
// and compares every count and every quote's source.
func TestSampleJointDisplayMatchesEngine(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	raw, _, err := res.Render(report.FormatMarkdown, "")
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	e := loadEngine(t)
	sc := loadSampleCoding(t)
	m := e.Measures[0]

	// The rows by hand: deteriorated; no change; improvement without
	// "significant change"; improvement with it.
	row := map[string][]string{}
	for _, p := range m.Patients {
		var label string
		switch {
		case p.Reliable == "deterioration":
			label = "Deteriorated"
		case p.Reliable == "no change":
			label = "No reliable change"
		case p.Clinical == "significant change":
			label = "Clinically significant change"
		default:
			label = "Reliable improvement"
		}
		row[label] = append(row[label], p.ID)
	}
	has := map[[2]string]bool{} // respondent, theme
	for _, s := range sc.segments {
		resp := strings.Split(s.Document, "/")[0]
		for _, c := range s.Codes {
			if th, ok := sc.theme[c]; ok {
				has[[2]string{resp, th}] = true
			}
		}
	}
	table := mdTable(t, md, "**"+m.Name+": change category by superordinate theme.**")
	header := strings.Split(md[strings.Index(md, "| Change on "+m.Name):], "\n")[0]
	themes := splitCells(header)[1:]
	if !slices.Equal(themes, []string{"Sense of belonging", "Flourishing", "Virtual benefits"}) {
		t.Fatalf("columns %q", themes)
	}
	labels := []string{"Deteriorated", "No reliable change", "Reliable improvement", "Clinically significant change"}
	if len(table) != len(labels) {
		t.Fatalf("%d rows, want %d (every sample patient answered and is scored)", len(table), len(labels))
	}
	for i, label := range labels {
		cells := table[i]
		if !strings.HasPrefix(cells[0], "**"+label+"**") {
			t.Errorf("row %d is %q, want %q", i, cells[0], label)
		}
		n := 0
		for _, id := range row[label] {
			if sc.answered[id] {
				n++
			}
		}
		for j, th := range themes {
			k := 0
			var who []string
			for _, id := range row[label] {
				if sc.answered[id] && has[[2]string{id, th}] {
					k++
					who = append(who, id)
				}
			}
			cell := cells[1+j]
			if k == 0 {
				if cell != "—" {
					t.Errorf("%s × %s: %q, want —", label, th, cell)
				}
				continue
			}
			if want := fmt.Sprintf("**%d of %d**", k, n); !strings.HasPrefix(cell, want) {
				t.Errorf("%s × %s: %q, want %s", label, th, cell, want)
			}
			// The quote comes from one of the k patients, is a coded
			// segment of this theme, cut (if at all) at a word boundary.
			qm := regexp.MustCompile(`(?s)“(.*)” — (\S+) \((\w+)\)`).FindStringSubmatch(cell)
			if qm == nil {
				t.Errorf("%s × %s: no quote in %q", label, th, cell)
				continue
			}
			text, resp, q := qm[1], qm[2], qm[3]
			if !slices.Contains(who, resp) {
				t.Errorf("%s × %s: the quote is %s's, who is not among %v", label, th, resp, who)
			}
			if !sc.isSegment(resp+"/"+q, th, text) {
				t.Errorf("%s × %s: %q is not the start of a segment of %s/%s coded under the theme", label, th, text, resp, q)
			}
		}
	}
}

// isSegment reports whether text (ending in "…" when cut) begins one of
// alice's segments of doc carrying a code under theme, and a cut falls
// where a word ends.
func (sc *sampleCoding) isSegment(doc, theme, text string) bool {
	cut := strings.HasSuffix(text, "…")
	text = strings.TrimSuffix(text, "…")
	for _, s := range sc.segments {
		if s.Document != doc || !slices.ContainsFunc(s.Codes, func(c string) bool { return sc.theme[c] == theme }) {
			continue
		}
		full := strings.TrimSpace(sc.quote(doc, s.Start, s.End))
		if !cut && full == text {
			return true
		}
		if cut && strings.HasPrefix(full, text) {
			next := []rune(full[len(text):])
			if len(next) > 0 && (next[0] == ' ' || strings.ContainsRune(",;:–—-(", next[0])) {
				return true
			}
		}
	}
	return false
}

// TestSampleQuotesAreCodedSegments checks every block quote of the
// Markdown report against alice's coder file: its text is exactly one of
// her segments of the answer its attribution names.
func TestSampleQuotesAreCodedSegments(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	raw, _, err := res.Render(report.FormatMarkdown, "")
	if err != nil {
		t.Fatal(err)
	}
	sc := loadSampleCoding(t)
	questions := map[string]string{
		"What did you find most helpful about the group?": "helped",
		"What could be improved about the group?":         "improve",
		"What was it like attending the group online?":    "online",
	}
	segs := map[string]bool{}
	for _, s := range sc.segments {
		segs[s.Document+"\x00"+strings.TrimSpace(sc.quote(s.Document, s.Start, s.End))] = true
	}
	blocks := regexp.MustCompile(`(?m)((?:^>.*\n)+)`).FindAllString(string(raw), -1)
	if len(blocks) == 0 {
		t.Fatal("no quotes in the report")
	}
	for _, b := range blocks {
		lines := strings.Split(strings.TrimRight(b, "\n"), "\n")
		attr := regexp.MustCompile(`^> — (\S+), answering “(.+?)”`).FindStringSubmatch(lines[len(lines)-1])
		if attr == nil {
			t.Errorf("a quote without its attribution: %q", b)
			continue
		}
		var text []string
		for _, l := range lines[:len(lines)-2] {
			text = append(text, unescape(strings.TrimPrefix(strings.TrimPrefix(l, ">"), " ")))
		}
		doc := attr[1] + "/" + questions[attr[2]]
		if q := strings.Join(text, "\n"); !segs[doc+"\x00"+q] {
			t.Errorf("%q, attributed to %s, is not one of alice's segments", q, doc)
		}
	}
}

// unescape undoes Markdown backslash escapes.
func unescape(s string) string {
	return regexp.MustCompile(`\\(.)`).ReplaceAllString(s, "$1")
}

// TestSampleMethodsMatchEngine checks the numbers of the facts list and of
// the methods, measure by measure, against the engine's JSON: patients
// scored, reliability, cut-off, patients with both scores, and each
// follow-up's patients and cut-off; and the clinical distribution of the
// settings table.
func TestSampleMethodsMatchEngine(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	raw, _, err := res.Render(report.FormatMarkdown, "")
	if err != nil {
		t.Fatal(err)
	}
	md := string(raw)
	e := loadEngine(t)
	for _, m := range e.Measures {
		if want := fmt.Sprintf("- **Scored on %s:** %d patients with pre and post scores\n", m.Name, m.N); !strings.Contains(md, want) {
			t.Errorf("no %q", want)
		}
		line := regexp.MustCompile(`(?m)^- ` + regexp.QuoteMeta(m.Name) + `: .*$`).FindString(md)
		if line == "" {
			t.Errorf("no methods paragraph for %s", m.Name)
			continue
		}
		got := regexp.MustCompile(`Reliability r = ([0-9.]+) `).FindStringSubmatch(line)
		if got == nil || got[1] != strconv.FormatFloat(m.Reliability, 'f', -1, 64) {
			t.Errorf("%s methods reliability %v, engine %v", m.Name, got, m.Reliability)
		}
		cut := regexp.MustCompile(`; cut-off ([0-9.-]+)\.`).FindStringSubmatch(line)
		if cut == nil {
			t.Errorf("%s: no cut-off in the methods", m.Name)
		} else {
			near(t, m.Name+" methods cut-off", cut[1], m.Cutoffs[m.Criterion])
		}
		if want := fmt.Sprintf(" %d of %d patients had both scores", m.N, m.N+len(m.Excluded)); !strings.Contains(line, want) {
			t.Errorf("%s methods lack %q", m.Name, want)
		}
		for _, f := range m.Pairs {
			fu := regexp.MustCompile(regexp.QuoteMeta(f.From+" → "+f.To) + ` \((\d+) patients with both scores; the clinical distribution is their \w+ scores, so the cut-off is ([0-9.-]+)\)`).FindStringSubmatch(line)
			if fu == nil {
				t.Errorf("%s: no %s → %s in the methods", m.Name, f.From, f.To)
				continue
			}
			if fu[1] != strconv.Itoa(f.N) {
				t.Errorf("%s %s → %s: %s patients, engine %d", m.Name, f.From, f.To, fu[1], f.N)
			}
			near(t, m.Name+" "+f.To+" cut-off", fu[2], f.Cutoffs[f.Criterion])
		}
		set := map[string]string{}
		for _, row := range mdTable(t, md, "**"+m.Name+": how change was judged**") {
			set[row[0]] = row[1]
		}
		var mean, sd string
		fmt.Sscanf(set["Clinical distribution"], "mean %s SD %s", &mean, &sd)
		near(t, m.Name+" clinical mean", strings.TrimSuffix(mean, ","), m.Clinical["mean"])
		near(t, m.Name+" clinical SD", strings.TrimSuffix(sd, ","), m.Clinical["sd"])
	}
}

// TestSampleAgreementMatchesEngine checks the agreement table, row by row,
// against the agreement engine's JSON (what mixeval agree --stats
// --format json writes), undefined values included.
func TestSampleAgreementMatchesEngine(t *testing.T) {
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatMarkdown})
	raw, _, err := res.Render(report.FormatMarkdown, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := backend.Open(sampleDir, backend.Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := b.Agree(backend.AgreeRequest{Stats: true})
	if err != nil {
		t.Fatal(err)
	}
	js, err := json.Marshal(a.Report)
	if err != nil {
		t.Fatal(err)
	}
	type stat struct {
		ID    string `json:"id"`
		Kind  string `json:"kind"`
		Table *struct {
			Both    int `json:"both"`
			OnlyA   int `json:"only_a"`
			OnlyB   int `json:"only_b"`
			Neither int `json:"neither"`
		} `json:"table"`
		Units int      `json:"units"`
		PA    *float64 `json:"percent_agreement"`
		Kappa *float64 `json:"kappa"`
		Alpha *float64 `json:"krippendorff_alpha"`
		AC1   *float64 `json:"gwet_ac1"`
	}
	var rep struct {
		Codes, Themes []stat
		Pooled        stat
	}
	if err := json.Unmarshal(js, &rep); err != nil {
		t.Fatal(err)
	}
	want := append(append(rep.Codes, rep.Themes...), rep.Pooled)
	rows := mdTable(t, string(raw), "**Agreement per code and theme, and pooled over every code**")
	if len(rows) != len(want) {
		t.Fatalf("%d agreement rows, engine %d", len(rows), len(want))
	}
	show := func(v *float64) string {
		if v == nil {
			return "undefined"
		}
		return strconv.FormatFloat(*v, 'f', 3, 64)
	}
	for i, w := range want {
		r := rows[i]
		cells := []string{w.Kind, w.ID, r[2], strconv.Itoa(w.Table.Both), strconv.Itoa(w.Table.OnlyA), strconv.Itoa(w.Table.OnlyB), strconv.Itoa(w.Table.Neither),
			strconv.Itoa(w.Units), show(w.PA), show(w.Kappa), show(w.Alpha), show(w.AC1)}
		if !slices.Equal(r, cells) {
			t.Errorf("agreement row %d:\n got %q\nwant %q", i, r, cells)
		}
	}
}
