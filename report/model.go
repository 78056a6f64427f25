package report

import (
	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Report is a built report, ready to be checked (Pieces, SetTexts) and
// written (WriteHTML, WriteMarkdown).
type Report struct {
	Title       *Text
	Description *Text
	Date        string // YYYY-MM-DD
	Version     string
	Level       Level

	Sample    Sample
	Coding    Coding
	Questions []QuestionView
	Methods   Methods

	Measures []*MeasureView
	// Themes are the top-level themes with their subthemes.
	Themes []*ThemeView
	Joint  []*JointDisplay
	// Agreement is nil when fewer than two coders coded.
	Agreement     *AgreementView
	Disagreements int
	Cases         []*CaseTable

	texts texts
}

// Level is what the joint display's columns are.
type Level string

const (
	LevelTheme    Level = "theme"    // the top-level (superordinate) themes
	LevelSubtheme Level = "subtheme" // their subthemes (a theme without any stands for itself)
)

// ParseLevel reads "theme" or "subtheme"; empty means theme.
func ParseLevel(s string) (Level, bool) {
	switch Level(s) {
	case "", LevelTheme:
		return LevelTheme, true
	case LevelSubtheme:
		return LevelSubtheme, true
	}
	return "", false
}

// Sample describes who is in the study.
type Sample struct {
	Respondents int // rows of the feedback forms
	Answered    int // with at least one non-blank answer
	Attributes  []AttributeCount
}

// AttributeCount breaks the respondents down by one attribute.
type AttributeCount struct {
	Name   *Text
	Values []ValueCount // empty when there are too many distinct values
	// Distinct counts the distinct values (blank included).
	Distinct int
}

// ValueCount is how many respondents have one value.
type ValueCount struct {
	Value *Text // nil for a blank value
	N     int
}

// QuestionView is one question of the form.
type QuestionView struct {
	Label string
	Text  *Text
}

// Methods holds the methods text, paragraph by paragraph.
type Methods struct {
	Quant     []string
	Instr     []string // one paragraph per measure
	Thematic  []string
	Integrate []string
}

// MeasureView is one measure's quantitative results.
type MeasureView struct {
	Name   string
	Anchor string
	// Result is the first pair of time points (pre to post), which the
	// plot, the joint display and the case appendix use; FollowUps are the
	// measure's other pairs (pre to a follow-up).
	Result    *quant.Result
	FollowUps []*quant.Result
	Times     []string
	Settings  [][2]string
	Cut       *float64 // the criterion's cut-off; nil when not computable
	// Patients are the result's patients with their pseudonyms, in the
	// result's order.
	Patients []PatientView
}

// PatientView is one scored patient.
type PatientView struct {
	quant.Patient
	Who *Text
}

// ThemeView is a theme or subtheme as the report shows it.
type ThemeView struct {
	ID         string
	Anchor     string
	Name       *Text
	Definition *Text
	Concept    *Text
	Subthemes  []*ThemeView
	// Quotes are the pinned quotes of the theme itself (and its own codes);
	// when none is pinned, the first coded segment with Pinned false.
	Quotes []QuoteView
	// Respondents and Segments count what is coded under the theme,
	// subthemes included.
	Respondents int
	Segments    int

	// respondents who have a segment under the theme or its subthemes.
	who map[string]bool
	// pinned and segments are the subtree's, in order (pinned: tree
	// order; segments: respondent, question, position).
	pinned   []Quote
	segments []Quote
}

// QuoteView is one quote with its attribution.
type QuoteView struct {
	Text     *Text
	Who      *Text
	Question QuestionView
	Pinned   bool
	Cut      bool // cut short at a word boundary
}

// CaseTable is the case appendix for one measure.
type CaseTable struct {
	Measure string
	Anchor  string
	Rows    []CaseRow
	Columns []*ThemeView
	// Combined is true when the measure asks for the five combined
	// categories (recovered ... harmed), shown in a column of their own.
	Combined bool
}

// CaseRow is one patient of the case appendix.
type CaseRow struct {
	PatientView
	Category string // the joint display's row
	Themes   []*ThemeView
}

// AgreementView is the agreement between coders, per code and theme and
// pooled, as mixeval agree gives it.
type AgreementView struct {
	*triangulate.Report
	Rows []AgreementRow
}

// AgreementRow is one code, theme or the pooled units.
type AgreementRow struct {
	triangulate.Stats
	Name *Text
}
