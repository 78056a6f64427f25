package agree

import "fmt"

// tolerance decides when a denominator (1 − chance agreement) is zero: the
// chance terms are sums of products of proportions, which can miss 1 by a
// rounding error when every rating is in one category.
const tolerance = 1e-12

// chanceCorrected returns (pa − pe)/(1 − pe), or an undefined Result when
// pe is 1: agreement beyond chance cannot be measured when chance alone
// predicts every agreement.
func chanceCorrected(pa, pe float64, units, coders, miss int) Result {
	if 1-pe <= tolerance {
		return undefined("chance agreement is 1 (every rating in one category), so the coefficient is 0/0", units, coders, miss)
	}
	return defined((pa-pe)/(1-pe), units, coders, miss)
}

// percentAgreement is the mean, over units with at least two values, of the
// share of agreeing coder pairs in the unit.
func (t *tables) percentAgreement() Result {
	if t.unitsPairable == 0 {
		return undefined("no unit was rated by two or more coders", 0, t.coders, t.missing)
	}
	return defined(t.pairShare/float64(t.unitsPairable), t.unitsPairable, t.coders, t.missing)
}

// allAgree is the share of complete units on which every coder chose the
// same category.
func (t *tables) allAgree() Result {
	if t.unitsComplete == 0 {
		return undefined("no unit was rated by every coder", 0, t.coders, t.missing)
	}
	return defined(float64(t.agreeAll)/float64(t.unitsComplete), t.unitsComplete, t.coders, t.missing)
}

// cohen is Cohen's (1960) kappa for one coder pair over the units both
// rated: p_o the share of agreeing units, p_e = Σ_k p_Ak·p_Bk from each
// coder's own marginal proportions (Cohen 1960, eqs. 1–2).
func (t *tables) cohen(p *pairTable) Result {
	miss := p.either - p.units
	if p.units == 0 {
		return undefined("the two coders rated no unit in common", 0, 2, miss)
	}
	n := float64(p.units)
	pe := 0.0
	for k := range p.margA {
		pe += float64(p.margA[k]) * float64(p.margB[k])
	}
	pe /= n * n
	return chanceCorrected(float64(p.agree)/n, pe, p.units, 2, miss)
}

// scott is Scott's (1955) pi for one coder pair: as Cohen's kappa but the
// chance term uses the pooled proportions, p_e = Σ_k ((p_Ak + p_Bk)/2)².
func (t *tables) scott(p *pairTable) Result {
	miss := p.either - p.units
	if p.units == 0 {
		return undefined("the two coders rated no unit in common", 0, 2, miss)
	}
	n2 := 2 * float64(p.units)
	pe := 0.0
	for k := range p.margA {
		pk := float64(p.margA[k]+p.margB[k]) / n2
		pe += pk * pk
	}
	return chanceCorrected(float64(p.agree)/float64(p.units), pe, p.units, 2, miss)
}

func (t *tables) cohenKappa() Result {
	if t.coders != 2 {
		return notApplicable("Cohen's kappa is for two coders; see Light's kappa or Fleiss' kappa", t.coders)
	}
	return t.cohen(&t.pairs[0])
}

func (t *tables) scottPi() Result {
	if t.coders != 2 {
		return notApplicable("Scott's pi is for two coders; Fleiss' kappa generalises it", t.coders)
	}
	return t.scott(&t.pairs[0])
}

// lightKappa is Light's (1971) kappa: the mean of Cohen's kappa over every
// pair of coders, all on the complete units (those every coder rated), as
// R's irr::kappam.light computes it (it drops incomplete units first) and
// as Fleiss' kappa here is. If any pair's kappa is undefined, so is the
// mean: dropping that pair would silently change what is averaged.
func (t *tables) lightKappa() Result {
	if t.coders < 3 {
		return notApplicable("Light's kappa is for three or more coders; with two it equals Cohen's kappa", t.coders)
	}
	if t.unitsComplete == 0 {
		return undefined("no unit was rated by every coder", 0, t.coders, t.missing)
	}
	sum := 0.0
	for i := range t.completePairs {
		p := &t.completePairs[i]
		r := t.cohen(p)
		if !r.Defined {
			return undefined(fmt.Sprintf("Cohen's kappa for %s and %s on the complete units is undefined (%s)", t.names[p.a], t.names[p.b], r.Note), t.unitsComplete, t.coders, t.missing)
		}
		sum += r.Value
	}
	return defined(sum/float64(len(t.completePairs)), t.unitsComplete, t.coders, t.missing)
}

// fleissKappa is Fleiss' (1971) kappa over the complete units: P̄ the mean
// over units of P_i = Σ_j n_ij(n_ij−1)/(m(m−1)) (eq. 2), P̄_e = Σ_j p_j² with
// p_j the share of all assignments to category j (eqs. 1, 5).
func (t *tables) fleissKappa() Result {
	if t.unitsComplete == 0 {
		return undefined("no unit was rated by every coder", 0, t.coders, t.missing)
	}
	total := float64(t.unitsComplete) * float64(t.coders)
	pe := 0.0
	for _, c := range t.completeCount {
		p := float64(c) / total
		pe += p * p
	}
	return chanceCorrected(t.completeShare/float64(t.unitsComplete), pe, t.unitsComplete, t.coders, t.missing)
}

// gwetAgreement is Gwet's (2014, §2.5 and chapter 4) observed agreement for
// incomplete data: p_a = (1/n') Σ_{i: r_i≥2} Σ_k r_ik(r_ik−1)/(r_i(r_i−1)),
// n' the units with two or more ratings.
func (t *tables) gwetAgreement() (float64, bool) {
	if t.unitsPairable == 0 {
		return 0, false
	}
	return t.pairShare / float64(t.unitsPairable), true
}

// classification returns Gwet's π_k = (1/n) Σ_i r_ik/r_i over the n units
// with at least one rating.
func (t *tables) classification(k int) float64 {
	return t.classShare[k] / float64(t.unitsRated)
}

// fleissKappaMissing is Fleiss' kappa in Gwet's (2014) form for missing
// ratings: p_a as gwetAgreement, p_e = Σ_k π_k². With complete data it
// equals Fleiss' kappa.
func (t *tables) fleissKappaMissing() Result {
	pa, ok := t.gwetAgreement()
	if !ok {
		return undefined("no unit was rated by two or more coders", 0, t.coders, t.missing)
	}
	pe := 0.0
	for k := 0; k < t.q; k++ {
		p := t.classification(k)
		pe += p * p
	}
	return chanceCorrected(pa, pe, t.unitsRated, t.coders, t.missing)
}

// brennanPrediger is Brennan & Prediger's (1981) coefficient with Gwet's
// p_a: chance agreement is 1/q, q the number of declared categories.
func (t *tables) brennanPrediger() Result {
	pa, ok := t.gwetAgreement()
	if !ok {
		return undefined("no unit was rated by two or more coders", 0, t.coders, t.missing)
	}
	if t.q < 2 {
		return undefined("only one category is declared, so chance agreement 1/q is 1", t.unitsRated, t.coders, t.missing)
	}
	return chanceCorrected(pa, 1/float64(t.q), t.unitsRated, t.coders, t.missing)
}

// gwetAC1 is Gwet's AC1 (Gwet 2008; Gwet 2014, chapter 4) with Gwet's p_a and
// p_e = (1/(q−1)) Σ_k π_k(1−π_k).
func (t *tables) gwetAC1() Result {
	pa, ok := t.gwetAgreement()
	if !ok {
		return undefined("no unit was rated by two or more coders", 0, t.coders, t.missing)
	}
	if t.q < 2 {
		return undefined("only one category is declared, so AC1's chance term divides by q−1 = 0", t.unitsRated, t.coders, t.missing)
	}
	pe := 0.0
	for k := 0; k < t.q; k++ {
		p := t.classification(k)
		pe += p * (1 - p)
	}
	pe /= float64(t.q - 1)
	return chanceCorrected(pa, pe, t.unitsRated, t.coders, t.missing)
}
