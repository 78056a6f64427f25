package privacy

import "strings"

// nhsNumberAt reads an NHS number at start: ten digits, run together or
// grouped 3-3-4 by spaces or dashes, whose check digit is right.
func nhsNumberAt(text string, start int) (int, bool) {
	if !numberBoundaryBefore(text, start) {
		return 0, false
	}
	var d [10]byte
	n, i := 0, start
	switch digitRun(text, start) {
	case 10:
		i = readDigits(text, i, d[:])
	case 3:
		for _, size := range []int{3, 3, 4} {
			if n > 0 {
				if i >= len(text) || !isNumberSep(text[i]) {
					return 0, false
				}
				i++
			}
			if digitRun(text, i) != size {
				return 0, false
			}
			i = readDigits(text, i, d[n:n+size])
			n += size
		}
	default:
		return 0, false
	}
	if !numberBoundaryAfter(text, i) || !groupedNumberApart(text, start, i) {
		return 0, false
	}
	return i, NHSCheckDigitValid(d)
}

// digitRun counts the ASCII digits from i.
func digitRun(text string, i int) int {
	n := 0
	for i+n < len(text) && isDigit(text[i+n]) {
		n++
	}
	return n
}

// readDigits copies len(d) digit values from text at i and returns the
// position after them.
func readDigits(text string, i int, d []byte) int {
	for k := range d {
		d[k] = text[i+k] - '0'
	}
	return i + len(d)
}

// NHSCheckDigitValid applies the NHS number's modulus 11 check (NHS Data
// Dictionary, "NHS Number"): the first nine digits are weighted 10 down to
// 2 and summed; 11 minus the remainder of the sum divided by 11 is the
// check digit, where 11 becomes 0 and 10 means the number is not valid.
// Scottish CHI numbers use the same check.
func NHSCheckDigitValid(d [10]byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]) * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false
	}
	return int(d[9]) == check
}

// phoneAt reads a UK phone number at p: national (0…, ten or eleven
// digits; 07 mobiles eleven) or international (+44 or 0044, an optional
// "(0)", then nine or ten digits), in groups separated by single spaces or
// dashes, the area code optionally in brackets.
func phoneAt(text string, p int) (int, bool) {
	if !numberBoundaryBefore(text, p) {
		return 0, false
	}
	i := p
	intl := false
	switch {
	case strings.HasPrefix(text[i:], "+44"):
		i += 3
		intl = true
	case strings.HasPrefix(text[i:], "0044"):
		i += 4
		intl = true
	}
	if intl {
		if i < len(text) && isNumberSep(text[i]) {
			i++
		}
		if strings.HasPrefix(text[i:], "(0)") {
			i += 3
			if i < len(text) && isNumberSep(text[i]) {
				i++
			}
		}
	}
	limit := 11
	if intl {
		limit = 10
	}
	var first [2]byte
	digits, groups := 0, 0
	open := false
	for {
		if i < len(text) && text[i] == '(' && !intl && digits == 0 {
			open = true
			i++
		}
		run := digitRun(text, i)
		if run == 0 || digits+run > limit {
			if groups == 0 {
				return 0, false
			}
			break
		}
		for k := 0; k < run && digits+k < 2; k++ {
			first[digits+k] = text[i+k]
		}
		digits += run
		groups++
		i += run
		if open {
			if i >= len(text) || text[i] != ')' {
				return 0, false
			}
			open = false
			i++
			if i+1 < len(text) && text[i] == ' ' && isDigit(text[i+1]) {
				i++
			}
			continue
		}
		// Another group follows a single separator, if it fits.
		next := 0
		if i+1 < len(text) && isNumberSep(text[i]) {
			next = digitRun(text, i+1)
		}
		if groups >= 5 || next == 0 || digits+next > limit {
			break
		}
		i++
	}
	if !numberBoundaryAfter(text, i) {
		return 0, false
	}
	if intl {
		ok := (digits == 9 || digits == 10) && strings.IndexByte("1235789", first[0]) >= 0 &&
			(first[0] != '7' || digits == 10)
		return i, ok
	}
	ok := (digits == 10 || digits == 11) && first[0] == '0' && strings.IndexByte("1235789", first[1]) >= 0 &&
		(first[1] != '7' || digits == 11)
	return i, ok
}

func isNumberSep(c byte) bool { return c == ' ' || c == '-' }

// numberBoundaryBefore: a number starts at p only if no letter, digit,
// decimal point or slash comes right before it.
func numberBoundaryBefore(text string, p int) bool {
	if p == 0 {
		return true
	}
	c := text[p-1]
	return !isAlnum(c) && c != '.' && c != '/' && c != '+' && c != '_'
}

// numberBoundaryAfter: a number ends at i only if no letter or digit
// follows, nor a decimal part or a dash and more digits.
func numberBoundaryAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	c := text[i]
	if isAlnum(c) || c == '_' || c == '/' {
		return false
	}
	if (c == '.' || c == ',' || c == '-') && i+1 < len(text) && isDigit(text[i+1]) {
		return false
	}
	return true
}

// groupedNumberApart: ten digits are an NHS number only when no further
// group of digits adjoins them ("12 943 476 5919" is some longer number).
func groupedNumberApart(text string, start, end int) bool {
	if start >= 2 && isNumberSep(text[start-1]) && isDigit(text[start-2]) {
		return false
	}
	if end+1 < len(text) && isNumberSep(text[end]) && isDigit(text[end+1]) {
		return false
	}
	return true
}
