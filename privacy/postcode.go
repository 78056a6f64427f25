package privacy

import "strings"

// postcode finds a UK postcode at token i: an outward code and an inward
// code, with one space between them or none, by the position rules of
// BS 7666 (any case). A lower-case inward code that reads as an ordinal
// ("a4 1st", "m6 2nd") is not taken for one.
func (s *scan) postcode(i int) {
	t := s.toks[i]
	w := s.text[t.start:t.end]
	switch {
	case len(w) >= 2 && len(w) <= 4 && i+1 < len(s.toks) && s.text[t.end:s.toks[i+1].start] == " ":
		in := s.word(i + 1)
		if postcodeValid(w, in) {
			s.add(t.start, s.toks[i+1].end, KindPostcode, RulePostcode)
		}
	case len(w) >= 5 && len(w) <= 7:
		if postcodeValid(w[:len(w)-3], w[len(w)-3:]) {
			s.add(t.start, t.end, KindPostcode, RulePostcode)
		}
	}
}

// postcodeValid checks an outward and an inward code (BS 7666; Royal Mail
// Programmers' Guide): the first letter is not Q, V or X; a second letter
// is not I, J or Z; a letter after the digit of A9A is one of
// ABCDEFGHJKPSTUW and of AA9A one of ABEHMNPRVWXY; the inward code is a
// digit and two letters other than C, I, K, M, O and V. GIR 0AA is the one
// exception.
func postcodeValid(out, in string) bool {
	if len(in) != 3 || !isDigit(in[0]) || !inwardLetter(in[1]) || !inwardLetter(in[2]) {
		return false
	}
	if ordinalSuffix(in[1:]) {
		return false
	}
	if strings.EqualFold(out, "GIR") {
		return strings.EqualFold(in, "0AA")
	}
	u := func(k int) byte { return out[k] &^ 0x20 }
	if !isLetter(out[0]) || strings.IndexByte("QVX", u(0)) >= 0 {
		return false
	}
	switch len(out) {
	case 2: // A9
		return isDigit(out[1])
	case 3: // A99, AA9, A9A
		switch {
		case isDigit(out[1]) && isDigit(out[2]):
			return true
		case isLetter(out[1]) && isDigit(out[2]):
			return strings.IndexByte("IJZ", u(1)) < 0
		case isDigit(out[1]) && isLetter(out[2]):
			return strings.IndexByte("ABCDEFGHJKPSTUW", u(2)) >= 0
		}
	case 4: // AA99, AA9A
		if !isLetter(out[1]) || strings.IndexByte("IJZ", u(1)) >= 0 || !isDigit(out[2]) {
			return false
		}
		return isDigit(out[3]) || isLetter(out[3]) && strings.IndexByte("ABEHMNPRVWXY", u(3)) >= 0
	}
	return false
}

func inwardLetter(c byte) bool {
	return isLetter(c) && strings.IndexByte("CIKMOV", c&^0x20) < 0
}

// ordinalSuffix: "st", "nd", "rd", "th" in lower case.
func ordinalSuffix(s string) bool {
	return s == "st" || s == "nd" || s == "rd" || s == "th"
}
