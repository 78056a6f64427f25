package report

import (
	"time"

	"github.com/mixeval/mixeval/quant"
	"github.com/mixeval/mixeval/thematic/reconcile"
	"github.com/mixeval/mixeval/thematic/triangulate"
)

// Input is everything a report is written from. The backend fills it from
// the study as it stands; tests fill it by hand.
type Input struct {
	Title       string
	Description string
	// Generated is when the report was made; Version is mixeval's.
	Generated time.Time
	Version   string

	// Questions are the feedback form's questions, in form order.
	Questions []Question
	// Attributes names the respondents' attributes (e.g. group), in the
	// manifest's order.
	Attributes []string
	// Respondents are everyone in the feedback forms, in source order.
	Respondents []Respondent

	// Measures are the analysed outcome measures, in manifest order.
	Measures []Measure

	Coding Coding
	// Themes are the top-level (superordinate) themes with their
	// subthemes, in codebook order. Codes outside any theme are left out.
	Themes []*Theme
	// Codes counts the codebook's codes (inside themes or not).
	Codes int

	// Agreement is the comparison of the coders with its statistics; nil
	// when fewer than two coders coded.
	Agreement *triangulate.Report
	// Disagreements counts the places the first two coders differed
	// (mixeval agree's diagnostics); -1 when not compared.
	Disagreements int
	// Reconciled summarises the consensus coding's items when it exists.
	Reconciled *reconcile.Summary
}

// Question is one free-text question of the feedback form.
type Question struct {
	Label string // short label used in document ids, e.g. "helped"
	Text  string // the wording on the form
}

// Respondent is one person of the feedback forms.
type Respondent struct {
	// ID is the respondent's pseudonym (the id column of the form).
	ID         string
	Attributes map[string]string
	// Answered counts their non-blank answers.
	Answered int
}

// Measure is one outcome measure with what the methods say about it.
type Measure struct {
	quant.MeasureResult
	// Instrument and Score describe the questionnaire; nil when the scores
	// were given as totals without a known instrument.
	Instrument *quant.Instrument
	Score      *quant.Score
	// MaxMissing is how many unanswered items a score may have and still
	// be prorated; -1 when not known.
	MaxMissing int
}

// Coding says which coding the qualitative results use.
type Coding struct {
	// Name is a coder's name, or "consensus".
	Name string
	// Defaulted is true when Name was chosen by default rather than asked for.
	Defaulted bool
	// Consensus is true when Name is the reconciled coding.
	Consensus bool
	// Coders are the study's coders; Mode is "reflexive" or "codebook".
	Coders []string
	Mode   string
	// Reviewed counts the answers the coding covers (reviewed documents).
	Reviewed int
}

// Theme is a theme or subtheme of the codebook with its coded segments.
type Theme struct {
	ID         string
	Name       string
	Definition string
	Concept    string
	Subthemes  []*Theme
	// Codes are the codes directly under the theme.
	Codes []Code
	// Pinned are the exemplar quotes pinned on the theme or on its own
	// codes, in pin order (not those of its subthemes).
	Pinned []Quote
	// Segments are the coded segments carrying a code directly under the
	// theme (not under its subthemes), in document order.
	Segments []Quote
}

// Code is a code under a theme.
type Code struct {
	ID   string
	Name string
}

// Quote is a stretch of one answer: a coded segment or a pinned exemplar.
type Quote struct {
	// Doc is the answer's id, "<respondent>/<question>"; Hash its content
	// hash (hex SHA-256 of its text).
	Doc        string
	Hash       string
	Respondent string
	Question   string // label
	// Start and End are code point offsets into the answer.
	Start, End int
	Text       string
}
