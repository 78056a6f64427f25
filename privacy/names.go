package privacy

import (
	_ "embed"
	"strings"
	"unicode/utf8"
)

// givenNames is the shipped list of common UK given names; its header says
// where it comes from and under which licence.
//
//go:embed data/given-names.txt
var givenNames string

// Word lists written for mixeval. Lower case; matched without regard to case.
const (
	// honorifics, written as in text (matched exactly).
	honorificWords  = `Dr Mr Mrs Ms Miss Mx Prof Professor Doctor Sister Nurse Sir Dame Rev Revd`
	possessiveWords = `my our his her their`
	relationWords   = `husband wife partner son daughter mum mom mother dad father brother sister
		friend neighbour neighbor carer nan nana nanna gran granny grandma grandmother grandad granddad
		grandpa grandfather grandson granddaughter boyfriend girlfriend fiance fiancé fiancee fiancée
		uncle aunt auntie aunty niece nephew cousin stepson stepdaughter stepmum stepdad colleague boss
		manager gp physio physiotherapist consultant therapist psychologist counsellor doctor nurse`
	// functionWords never count as names, not even when a study lists them.
	functionWords = `a an the and or but if so to of in on at for with from by as into onto about
		is was are were be been being am has have had do did does done it its this that these those
		he she we they you me him her us them my your our their his i who what when where why how
		which not no yes very really also just then than too only even still again always never
		all any some many much more most each every both either neither other such own same
		can could would shall should might must up down out over under after before
		thank thanks please hi hello dear well oh ok okay`
	// placeWords after a name make it the name of a place ("Victoria
	// Station", "Florence Nightingale Ward").
	placeWords = `hospital hospitals infirmary clinic clinics centre center ward wards unit surgery
		practice health trust road street st lane avenue way close drive crescent terrace park square
		place court gardens green hill house hall station church chapel school academy college university
		library building wing suite room foundation hospice medical community line bridge memorial
		institute estate village town city county hotel stadium airport ltd limited plc service
		services programme program centres`
	// notNameWords are capitalised words that are never part of a name:
	// days, months, the platforms and job titles feedback names, and a few
	// fixed phrases of this field ("Tai Chi", "Nurse Specialist").
	notNameWords = `monday tuesday wednesday thursday friday saturday sunday january february march april
		may june july august september october november december christmas easter chi royal nhs
		teams zoom skype whatsapp facetime facebook google youtube instagram microsoft apple android
		iphone ipad covid coronavirus pilates yoga practitioner specialist consultant manager lead
		assistant therapist physio physiotherapist psychologist nurse doctor sister registrar surgeon
		director coordinator team`
	// notAloneNames are given names that, on their own or after a
	// preposition, are more often a place, a month, a faith or a voice
	// assistant.
	notAloneNames = `India Paris London Lincoln Devon Chelsea Sydney Florence Victoria Georgia Austin
		Dakota Brooklyn Orlando Santiago Chester Preston Kingston Warwick Israel Kenya Asia Adelaide
		Camden Carolina Dallas Denver Eden Harlow Kendal Milan Rome Skye Stirling Vienna Zion Christian
		April June July Tai Mercedes Bentley Harley Jordan Lourdes Africa America Ireland Scotland Wales
		Alexa Siri`
	birthCueWords = `born birth birthday birthdate dob`
	// personWords before "called" or "named" introduce a name ("a physio
	// called Tom"); the relation words do too.
	personWords = `man woman lady gentleman girl boy guy bloke chap lad lass person someone somebody
		receptionist facilitator volunteer student pharmacist surgeon registrar specialist
		instructor trainer teacher worker member patient`
	prepositionWords = `in on at from to of since until till during by near around last next this
		early late mid before after`
)

// monthNames are the months' English names and usual abbreviations, in
// order.
const monthNames = `january jan, february feb, march mar, april apr, may, june jun, july jul,
	august aug, september sep sept, october oct, november nov, december dec`

// wordLists are the lists the name rules use, built once per Detector.
type wordLists struct {
	// given maps a given name to whether it is also a common English word.
	given       map[string]bool
	honorific   map[string]bool
	possessive  map[string]bool
	relation    map[string]bool
	person      map[string]bool
	function    map[string]bool
	place       map[string]bool
	notName     map[string]bool
	notAlone    map[string]bool
	preposition map[string]bool
	birthCue    map[string]bool
	month       map[string]int
	// common holds the lower-case forms of the given names that are also
	// common words, and the function words.
	common map[string]bool
}

func newWordLists() wordLists {
	w := wordLists{
		given:       make(map[string]bool, 6000),
		honorific:   set(honorificWords),
		possessive:  set(possessiveWords),
		relation:    set(relationWords),
		person:      set(personWords),
		function:    set(functionWords),
		place:       set(placeWords),
		notName:     set(notNameWords),
		notAlone:    set(notAloneNames),
		preposition: set(prepositionWords),
		birthCue:    set(birthCueWords),
		month:       map[string]int{},
		common:      set(functionWords),
	}
	for i, names := range strings.Split(monthNames, ",") {
		for _, m := range strings.Fields(names) {
			w.month[m] = i + 1
		}
	}
	for line := range strings.SplitSeq(givenNames, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, flag, _ := strings.Cut(line, "\t")
		w.given[name] = flag == "word"
		if flag == "word" {
			w.common[strings.ToLower(name)] = true
		}
	}
	return w
}

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// names runs the name rules at token i.
func (s *scan) names(i int) {
	w := s.word(i)
	if len(w) >= 2 && len(w) <= 5 && strings.IndexByte("mohtMOHT", w[0]) >= 0 && has(s.d.words.possessive, w) {
		s.relationName(i)
		return
	}
	if (w == "called" || w == "named") && i > 0 {
		s.calledName(i)
		return
	}
	if s.d.extra != nil {
		s.identifier(i)
	}
	if !capitalised(w) {
		return
	}
	if s.d.words.honorific[w] {
		s.honorificName(i)
		return
	}
	s.givenName(i)
}

// honorificName: "Dr Kowalczyk", "Mrs. Patel", "Dr J. Smith"; the span
// holds the honorific and up to three name words.
func (s *scan) honorificName(i int) {
	j := i + 1
	if j >= len(s.toks) {
		return
	}
	gap := s.text[s.toks[i].end:s.toks[j].start]
	if gap != " " && gap != ". " {
		return
	}
	// An initial: "Dr J Smith", "Dr J. Smith".
	if w := s.word(j); len(w) == 1 && isUpper(w[0]) && j+1 < len(s.toks) {
		if g := s.text[s.toks[j].end:s.toks[j+1].start]; g == " " || g == ". " {
			j++
		}
	}
	if !s.nameWord(j) {
		return
	}
	last := s.chain(j, 2)
	s.add(s.toks[i].start, s.nameEnd(last), KindName, RuleNameHonorific)
}

// relationName: "my husband Dave", "our daughter, Emma"; the span holds the
// name and a surname after it. calledName shares its rule.
func (s *scan) relationName(i int) {
	if i+2 >= len(s.toks) || !s.spaceBetween(i, i+1) || !has(s.d.words.relation, s.word(i+1)) {
		return
	}
	j := i + 2
	gap := s.text[s.toks[i+1].end:s.toks[j].start]
	if gap != " " && gap != ", " {
		return
	}
	if s.d.words.honorific[s.word(j)] || !s.nameWord(j) {
		return
	}
	last := s.chain(j, 1)
	s.add(s.toks[j].start, s.nameEnd(last), KindName, RuleNameRelation)
}

// calledName: "a physio called Tom", "a lady named Sue Ellis"; the span
// holds the name and a surname after it.
func (s *scan) calledName(i int) {
	prev := s.word(i - 1)
	if !s.spaceBetween(i-1, i) || !s.spaceBetween(i, i+1) || !has(s.d.words.person, prev) && !has(s.d.words.relation, prev) {
		return
	}
	if s.d.words.honorific[s.word(i+1)] || !s.nameWord(i+1) {
		return
	}
	last := s.chain(i+1, 1)
	s.add(s.toks[i+1].start, s.nameEnd(last), KindName, RuleNameRelation)
}

// givenName: a listed given name and a surname ("Sarah Whitfield"), or a
// listed given name alone in mid-sentence ("thanks to Priya").
func (s *scan) givenName(i int) {
	name := namePart(s.word(i))
	isWord, ok := s.d.words.given[name]
	if !ok {
		if folded, changed := foldAccents(name); changed {
			isWord, ok = s.d.words.given[folded]
		}
		if !ok {
			return
		}
	}
	start := s.sentenceStart(i)
	prev := ""
	if i > 0 && s.spaceBetween(i-1, i) {
		prev = s.word(i - 1)
	}
	notAlone := s.d.words.notAlone[name]
	if name == s.word(i) && s.nameWord(i+1) && s.spaceBetween(i, i+1) {
		// A given name and a surname.
		if isWord && start || notAlone && has(s.d.words.preposition, prev) {
			return
		}
		last := s.chain(i+1, 1)
		if s.placeAfter(last) {
			return
		}
		s.add(s.toks[i].start, s.nameEnd(last), KindName, RuleNameGiven)
		return
	}
	if isWord || notAlone || start || s.placeAfter(i) {
		return
	}
	// Not inside a run of capitalised words ("Queen Elizabeth"), nor after
	// "the".
	if prev != "" && (capitalised(prev) && !has(s.d.words.function, prev) || strings.EqualFold(prev, "the")) {
		return
	}
	if s.spaceBetween(i, i+1) && capitalised(s.word(i+1)) {
		return
	}
	s.add(s.toks[i].start, s.nameEnd(i), KindName, RuleNameGivenAlone)
}

// identifier: the words of names the caller gave, adjacent ones joined.
func (s *scan) identifier(i int) {
	if !s.identifierWord(i) {
		return
	}
	last := i
	for s.spaceBetween(last, last+1) && namePart(s.word(last)) == s.word(last) && s.identifierWord(last+1) {
		last++
	}
	s.add(s.toks[i].start, s.nameEnd(last), KindName, RuleNameIdentifier)
}

// identifierWord: a word of the caller's names; one that is also a common
// word counts only capitalised and not at the start of a sentence.
func (s *scan) identifierWord(i int) bool {
	w := namePart(s.word(i))
	needsCap, ok := lookupLower(s.d.extra, w)
	return ok && (!needsCap || capitalised(w) && !s.sentenceStart(i))
}

// nameWord reports whether token j can be part of a name: capitalised and
// not a function word, day, month or place word.
func (s *scan) nameWord(j int) bool {
	if j >= len(s.toks) {
		return false
	}
	w := namePart(s.word(j))
	if !capitalised(w) {
		return false
	}
	return !has(s.d.words.function, w) && !has(s.d.words.notName, w) && !has(s.d.words.place, w) && !s.d.words.honorific[w]
}

// chain extends a name from token j over up to n more name words.
func (s *scan) chain(j, n int) int {
	for k := 0; k < n && s.spaceBetween(j, j+1) && s.nameWord(j+1) && namePart(s.word(j)) == s.word(j); k++ {
		j++
	}
	return j
}

// placeAfter reports whether a place word follows token j.
func (s *scan) placeAfter(j int) bool {
	return s.spaceBetween(j, j+1) && has(s.d.words.place, s.word(j+1))
}

// nameEnd is where the name in token j ends: before a possessive "'s".
func (s *scan) nameEnd(j int) int {
	w := s.word(j)
	return s.toks[j].end - (len(w) - len(namePart(w)))
}

// has reports whether m holds w in lower case. ASCII words are lowered in
// a buffer on the stack: no allocation per word looked up.
func has(m map[string]bool, w string) bool {
	v, _ := lookupLower(m, w)
	return v
}

// lookupLower looks w up in m in lower case.
func lookupLower[V any](m map[string]V, w string) (V, bool) {
	var buf [24]byte
	if len(w) <= len(buf) && isASCII(w) {
		for i := 0; i < len(w); i++ {
			c := w[i]
			if isUpper(c) {
				c += 'a' - 'A'
			}
			buf[i] = c
		}
		v, ok := m[string(buf[:len(w)])]
		return v, ok
	}
	v, ok := m[strings.ToLower(w)]
	return v, ok
}

// foldAccents replaces the accented Latin letters common in names by
// their base letters ("Zoë" → "Zoe", "Siân" → "Sian"); the shipped list is
// unaccented.
func foldAccents(w string) (string, bool) {
	if isASCII(w) {
		return w, false
	}
	var b strings.Builder
	changed := false
	for _, r := range w {
		if f, ok := accentBase(r); ok {
			b.WriteRune(f)
			changed = true
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), changed
}

func accentBase(r rune) (rune, bool) {
	const from = "ÀÁÂÃÄÅàáâãäåÈÉÊËèéêëÌÍÎÏìíîïÒÓÔÕÖØòóôõöøÙÚÛÜùúûüÝýÿÑñÇçŁłŚśŻżŹźĆćŃńČčŠšŽžŘřĞğŞşŐőŰű"
	const to = "AAAAAAaaaaaaEEEEeeeeIIIIiiiiOOOOOOooooooUUUUuuuuYyyNnCcLlSsZzZzCcNnCcSsZzRrGgSsOoUu"
	i := 0
	for _, f := range from {
		if f == r {
			return rune(to[i]), true
		}
		i++
	}
	return r, false
}

func isASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
