package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mixeval/mixeval/thematic/triangulate"
)

// agreementHead says who was compared on what, and what a unit is.
func agreementHead(a *AgreementView) string {
	parts := make([]string, len(a.Coders))
	for i, c := range a.Coders {
		parts[i] = fmt.Sprintf("%s %d", c, a.Reviewed[i])
	}
	return fmt.Sprintf("Agreement between %s on %s. Answers read: %s; by all: %d. %s",
		joinAnd(a.Coders), plural(a.Documents, "answer", "answers"), strings.Join(parts, ", "), a.ReviewedByAll, triangulate.UnitNote)
}

// agreementColumns are the table's columns, as mixeval agree names them.
func agreementColumns(a *AgreementView) []string {
	cols := []string{"Kind", "Id", "Name"}
	if len(a.Coders) == 2 {
		cols = append(cols, "Both", "Only "+a.Coders[0], "Only "+a.Coders[1], "Neither")
	}
	cols = append(cols, "Units", "% agreement")
	if len(a.Coders) == 2 {
		cols = append(cols, "Cohen's kappa")
	} else {
		cols = append(cols, "Light's kappa", "Fleiss' kappa")
	}
	return append(cols, "Krippendorff's alpha", "Gwet's AC1")
}

// agreementCells are one row's cells after its kind: id, name, then the
// values.
func agreementCells(a *AgreementView, row AgreementRow) []string {
	return append([]string{row.ID, row.Name.String()}, agreementValues(a, row)...)
}

// agreementValues are one row's counts and coefficients; an undefined
// value reads "undefined".
func agreementValues(a *AgreementView, row AgreementRow) []string {
	s := row.Stats
	var out []string
	if len(a.Coders) == 2 {
		t := s.Table
		if t == nil {
			t = &triangulate.Table{}
		}
		out = append(out, strconv.Itoa(t.Both), strconv.Itoa(t.OnlyA), strconv.Itoa(t.OnlyB), strconv.Itoa(t.Neither))
	}
	out = append(out, strconv.Itoa(s.Units), s.PercentAgreement.String(), s.Kappa.String())
	if len(a.Coders) != 2 {
		out = append(out, s.FleissKappa.String())
	}
	alpha := s.Alpha.String()
	if s.AlphaCI != nil {
		alpha += fmt.Sprintf(" [%.3f, %.3f]", s.AlphaCI.Lower, s.AlphaCI.Upper)
	}
	return append(out, alpha, s.AC1.String())
}

// agreementNotes are the overall figures, labelled, with what is undefined
// and the convention the thresholds come from.
func agreementNotes(a *AgreementView) []string {
	kname := kappaName(a.Report)
	m := a.Macro
	out := []string{
		fmt.Sprintf("Macro mean across codes (each code counts once): %% agreement %s (%s); %s %s (%s); alpha %s (%s); AC1 %s (%s).",
			m.PercentAgreement, meanBasis(m.PercentAgreement), kname, m.Kappa, meanBasis(m.Kappa), m.Alpha, meanBasis(m.Alpha), m.AC1, meanBasis(m.AC1)),
		fmt.Sprintf("Pooled (every answer × code unit of %s in one table, %d rated by two or more coders): %% agreement %s; %s %s; alpha %s; AC1 %s.",
			plural(a.Pooled.Codes, "code", "codes"), a.Pooled.Units, a.Pooled.PercentAgreement, kname, a.Pooled.Kappa, a.Pooled.Alpha, a.Pooled.AC1),
	}
	for _, p := range a.Pairs {
		out = append(out, fmt.Sprintf("Pair %s and %s: Cohen's kappa macro mean %s (%s), pooled %s; pooled alpha %s.", p.Coders[0], p.Coders[1], p.MacroKappa, meanBasis(p.MacroKappa), p.PooledKappa, p.PooledAlpha))
	}
	var undef []string
	for _, s := range a.Codes {
		if !s.Alpha.Defined || !s.Kappa.Defined {
			undef = append(undef, s.ID)
		}
	}
	if len(undef) > 0 {
		out = append(out, "Undefined (0/0: no variation in the values, e.g. a code nobody applied; never shown as 0 or 1): "+strings.Join(undef, ", ")+".")
	}
	for _, u := range a.Unknown {
		var per []string
		for _, c := range a.Coders {
			if n := u.Segments[c]; n > 0 {
				per = append(per, fmt.Sprintf("%s %d", c, n))
			}
		}
		out = append(out, fmt.Sprintf("Not in the codebook: %q, used in segments by %s; analysed like the others.", u.Code, strings.Join(per, ", ")))
	}
	if a.Bootstrap > 0 {
		out = append(out, fmt.Sprintf("Alpha intervals: 95%% percentile bootstrap over units, %d replicates, seed %d.", a.Bootstrap, a.Seed))
	}
	return append(out, triangulate.Bands)
}

func noAgreementText(r *Report) string {
	switch len(r.Coding.Coders) {
	case 0:
		return "No one has coded the answers yet, so there is no agreement to report."
	case 1:
		return "Only one coder coded the answers, so there is no agreement to report."
	}
	return "The coders' codings could not be compared: no answer was read by two coders."
}
