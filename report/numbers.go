package report

import (
	"math"
	"strconv"
	"strings"
)

// fixed shows x with d decimals; "undefined" when x is not a number.
func fixed(x float64, d int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "undefined"
	}
	s := strconv.FormatFloat(x, 'f', d, 64)
	if strings.Trim(s, "-0.") == "" {
		s = strings.TrimPrefix(s, "-")
	}
	return s
}

// score shows a score, mean or SD in the report: two decimals.
func score(x float64) string { return fixed(x, 2) }

// short shows a value as it was given (a reliability, z, a norm): at most
// four decimals, without trailing zeros.
func short(x float64) string {
	s := fixed(x, 4)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// optional shows a value that may be missing.
func optional(p *float64) string {
	if p == nil {
		return "not computable"
	}
	return score(*p)
}
