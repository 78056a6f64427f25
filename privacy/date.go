package privacy

import "strings"

// dateCandidate is a date read from the text; whether it is personal data
// depends on the words around it (datesNearCues). Fields absent from the
// text are 0.
type dateCandidate struct {
	first, last      int // token indexes
	start, end       int // bytes
	day, month, year int
}

// Birth cues: a date within cueAfter tokens after one, or cueBefore tokens
// before one, is taken for a date of birth; a year on its own only right
// after one ("born in 1968").
const (
	cueAfter     = 6
	cueBefore    = 3
	cueYearAfter = 2
)

// Full dates with a year in this range are taken for dates of birth even
// without a cue: the services mixeval serves see adults, and answers date
// recent events (appointments, flare-ups) with recent years.
const (
	birthYearFrom = 1900
	birthYearTo   = 2009
)

// dateAt reads a date starting at token i, or notes a birth cue there.
func (s *scan) dateAt(i int) {
	if n := len(s.dates); n > 0 && s.dates[n-1].last >= i {
		return // inside the date just read
	}
	if s.birthCue(i) {
		s.cues = append(s.cues, i)
		return
	}
	var c dateCandidate
	var ok bool
	if isDigit(s.text[s.toks[i].start]) {
		if c, ok = s.numericDate(i); !ok {
			if c, ok = s.dayFirstDate(i); !ok {
				c, ok = s.yearAlone(i)
			}
		}
	} else {
		c, ok = s.monthFirstDate(i)
	}
	if ok {
		s.dates = append(s.dates, c)
	}
}

// birthCue: born, birth, birthday, DOB, D.O.B.
func (s *scan) birthCue(i int) bool {
	w := s.word(i)
	if has(s.d.words.birthCue, w) {
		return true
	}
	start := s.toks[i].start
	return (w == "D" || w == "d") && len(s.text) >= start+5 && strings.EqualFold(s.text[start:start+5], "d.o.b")
}

// datesNearCues keeps the dates that are personal data (see the constants
// above).
func (s *scan) datesNearCues() {
	for _, c := range s.dates {
		rule := ""
		for _, q := range s.cues {
			after, before := c.first-q, q-c.last
			if c.day == 0 && c.month == 0 {
				if after >= 1 && after <= cueYearAfter {
					rule = RuleDateCue
				}
			} else if after >= 1 && after <= cueAfter || before >= 1 && before <= cueBefore {
				rule = RuleDateCue
			}
		}
		if rule == "" && c.day > 0 && c.month > 0 && c.year >= birthYearFrom && c.year <= birthYearTo {
			rule = RuleDateFull
		}
		if rule != "" {
			s.add(c.start, c.end, KindDate, rule)
		}
	}
}

// numericDate reads 12/03/1968, 12-3-68, 12.03.1968 (day first, one kind
// of separator) or 1968-03-12.
func (s *scan) numericDate(i int) (dateCandidate, bool) {
	text, start := s.text, s.toks[i].start
	if !numberBoundaryBefore(text, start) {
		return dateCandidate{}, false
	}
	a := digitRun(text, start)
	p := start + a
	if p >= len(text) || strings.IndexByte("/.-", text[p]) < 0 {
		return dateCandidate{}, false
	}
	sep := text[p]
	b := digitRun(text, p+1)
	q := p + 1 + b
	if b == 0 || q >= len(text) || text[q] != sep {
		return dateCandidate{}, false
	}
	c := digitRun(text, q+1)
	end := q + 1 + c
	if !numberBoundaryAfter(text, end) {
		return dateCandidate{}, false
	}
	x, y, z := atoi(text[start:p]), atoi(text[p+1:q]), atoi(text[q+1:end])
	var d dateCandidate
	switch {
	case a == 4 && sep == '-' && b == 2 && c == 2:
		d = dateCandidate{day: z, month: y, year: x}
	case a <= 2 && b <= 2 && (c == 2 || c == 4):
		d = dateCandidate{day: x, month: y, year: fullYear(z, c)}
	default:
		return dateCandidate{}, false
	}
	if !validDay(d.day, d.month, d.year) {
		return dateCandidate{}, false
	}
	d.first, d.start, d.end = i, start, end
	d.last = s.tokenAt(i, end)
	return d, true
}

// dayFirstDate reads "12 March", "12th of March 1968", "1st Mar, 1968".
func (s *scan) dayFirstDate(i int) (dateCandidate, bool) {
	day, ok := dayNumber(s.word(i))
	if !ok || !numberBoundaryBefore(s.text, s.toks[i].start) {
		return dateCandidate{}, false
	}
	j := i + 1
	if s.spaceBetween(i, j) && strings.EqualFold(s.word(j), "of") {
		j++
	}
	if !s.spaceBetween(j-1, j) {
		return dateCandidate{}, false
	}
	month := s.monthNumber(s.word(j))
	if month == 0 || !validDay(day, month, 0) {
		return dateCandidate{}, false
	}
	d := dateCandidate{first: i, last: j, start: s.toks[i].start, end: s.toks[j].end, day: day, month: month}
	s.yearAfter(&d)
	if d.year > 0 && !validDay(day, month, d.year) {
		return dateCandidate{}, false
	}
	return d, true
}

// monthFirstDate reads "March 12", "March 12th, 1968", "March 1968".
func (s *scan) monthFirstDate(i int) (dateCandidate, bool) {
	month := s.monthNumber(s.word(i))
	if month == 0 || !s.spaceBetween(i, i+1) {
		return dateCandidate{}, false
	}
	d := dateCandidate{first: i, last: i, start: s.toks[i].start, end: s.toks[i].end, month: month}
	if day, ok := dayNumber(s.word(i + 1)); ok && validDay(day, month, 0) {
		d.day, d.last, d.end = day, i+1, s.toks[i+1].end
		s.yearAfter(&d)
		if d.year > 0 && !validDay(d.day, month, d.year) {
			return dateCandidate{}, false
		}
		return d, true
	}
	s.yearAfter(&d)
	if d.year == 0 {
		return dateCandidate{}, false
	}
	return d, true
}

// yearAfter extends d over a four-digit year that follows it after a space
// or ", ".
func (s *scan) yearAfter(d *dateCandidate) {
	j := d.last + 1
	if j >= len(s.toks) {
		return
	}
	gap := s.text[s.toks[d.last].end:s.toks[j].start]
	if gap != " " && gap != ", " && gap != "," {
		return
	}
	w := s.word(j)
	if len(w) != 4 || digitRun(w, 0) != 4 {
		return
	}
	if y := atoi(w); y >= 1900 && y <= 2099 {
		d.year, d.last, d.end = y, j, s.toks[j].end
	}
}

// yearAlone notes a bare four-digit year as a date candidate, kept only
// right after a birth cue.
func (s *scan) yearAlone(i int) (dateCandidate, bool) {
	w := s.word(i)
	if len(w) != 4 || digitRun(w, 0) != 4 || !numberBoundaryBefore(s.text, s.toks[i].start) || !numberBoundaryAfter(s.text, s.toks[i].end) {
		return dateCandidate{}, false
	}
	y := atoi(w)
	if y < 1900 || y > 2099 {
		return dateCandidate{}, false
	}
	return dateCandidate{first: i, last: i, start: s.toks[i].start, end: s.toks[i].end, year: y}, true
}

// tokenAt returns the index of the last token, from i on, that starts
// before byte end.
func (s *scan) tokenAt(i, end int) int {
	for i+1 < len(s.toks) && s.toks[i+1].start < end {
		i++
	}
	return i
}

// dayNumber reads "12", "1st", "22nd", "3rd", "12th" (any case).
func dayNumber(w string) (int, bool) {
	n := digitRun(w, 0)
	if n == 0 || n > 2 {
		return 0, false
	}
	if rest := strings.ToLower(w[n:]); rest != "" && !ordinalSuffix(rest) {
		return 0, false
	}
	d := atoi(w[:n])
	return d, d >= 1 && d <= 31
}

// monthNumber reads an English month name or its usual abbreviation, any
// case; 0 if w is none.
func (s *scan) monthNumber(w string) int {
	if len(w) < 3 || len(w) > 9 {
		return 0
	}
	m, _ := lookupLower(s.d.words.month, w)
	return m
}

// validDay checks day and month; year 0 means unknown (29 February is then
// allowed).
func validDay(day, month, year int) bool {
	if month < 1 || month > 12 || day < 1 {
		return false
	}
	days := [13]int{0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[month]
	if month == 2 && year != 0 && !(year%4 == 0 && (year%100 != 0 || year%400 == 0)) {
		days = 28
	}
	return day <= days
}

// fullYear reads a two-digit year as 2000-2029 or 1930-1999.
func fullYear(y, digits int) int {
	if digits == 4 {
		return y
	}
	if y < 30 {
		return 2000 + y
	}
	return 1900 + y
}

// atoi reads a short run of ASCII digits.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}
