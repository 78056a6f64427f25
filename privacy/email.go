package privacy

import "strings"

// emails finds addresses of the form local@domain.tld: a local part of
// letters, digits and . _ % + -, a domain of at least two labels, and a top
// label of two or more letters.
func (s *scan) emails() {
	text := s.text
	for from := 0; ; {
		at := strings.IndexByte(text[from:], '@')
		if at < 0 {
			return
		}
		at += from
		from = at + 1
		start := at
		for start > 0 && isLocalChar(text[start-1]) {
			start--
		}
		for start < at && text[start] == '.' {
			start++
		}
		if start == at {
			continue
		}
		end, ok := domainEnd(text, at+1)
		if !ok {
			continue
		}
		s.add(start, end, KindEmail, RuleEmail)
		from = end
	}
}

func isLocalChar(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+-", c) >= 0
}

// domainEnd reads a domain from i and returns where it ends.
func domainEnd(text string, i int) (int, bool) {
	end := i
	for end < len(text) && (isAlnum(text[end]) || text[end] == '.' || text[end] == '-') {
		end++
	}
	for end > i && (text[end-1] == '.' || text[end-1] == '-') {
		end--
	}
	dom := text[i:end]
	dot := strings.LastIndexByte(dom, '.')
	if dot <= 0 || strings.Contains(dom, "..") || dom[0] == '.' || dom[0] == '-' {
		return 0, false
	}
	tld := dom[dot+1:]
	if len(tld) < 2 {
		return 0, false
	}
	for j := 0; j < len(tld); j++ {
		if !isLetter(tld[j]) {
			return 0, false
		}
	}
	return end, true
}
