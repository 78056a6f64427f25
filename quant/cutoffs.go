package quant

// setCutoffs computes Jacobson & Truax (1991) cut-offs a, b and c, where D
// is +1 when higher is better and −1 when lower is better:
//
//	a = M_clin + 2·D·SD_clin
//	b = M_norm − 2·D·SD_norm
//	c = (SD_clin·M_norm + SD_norm·M_clin) / (SD_clin + SD_norm)
//
// c without a norm SD is the midpoint of the means. compat clinsig clamps a
// at 0; compat clinicalsignificance computes b with the clinical SD and
// gives b and c only with both norm values, as that package does.
func (r *Result) setCutoffs(opt Options) {
	d := float64(r.Direction)
	cl := r.Clinical
	a := cl.Mean + 2*cl.SD*d
	if opt.Compat == CompatClinsig && a < 0 {
		a = 0 // clinsig: if(crit[1] < 0) crit[1] <- 0
		r.Warnings = append(r.Warnings, "compat clinsig: cut-off a was negative and is clamped at 0")
	}
	r.Cutoffs.A = &a
	n := opt.Norm
	switch {
	case n == nil:
	case opt.Compat == CompatClinicalSignificance:
		if n.SD != nil {
			b := n.Mean - (d * 2 * cl.SD)
			c := (cl.SD*n.Mean + *n.SD*cl.Mean) / (cl.SD + *n.SD)
			r.Cutoffs.B, r.Cutoffs.C = &b, &c
		}
	case n.SD != nil:
		b := n.Mean - 2*(*n.SD)*d
		c := (cl.SD*n.Mean + cl.Mean*(*n.SD)) / (cl.SD + *n.SD)
		r.Cutoffs.B, r.Cutoffs.C = &b, &c
	default:
		c := (n.Mean + cl.Mean) / 2
		r.Cutoffs.C = &c
	}
}
