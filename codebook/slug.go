package codebook

import (
	"strconv"
	"strings"
)

// latinFold maps accented Latin letters to plain ones so that "Sécurité"
// becomes "securite" rather than "s-curit". Letters outside this table and
// outside a-z/0-9 act as separators.
var latinFold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ī': "i", 'į': "i", 'ı': "i",
	'ł': "l", 'ñ': "n", 'ń': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ő': "o", 'œ': "oe",
	'ř': "r", 'ś': "s", 'š': "s", 'ş': "s", 'ß': "ss", 'ť': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ū': "u", 'ů': "u", 'ű': "u",
	'ý': "y", 'ÿ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}

// Slug turns a name into an id: lower case, accents folded, every run of
// other characters a single hyphen, at most MaxIDLength long, cut at a word
// boundary where possible. A name with no usable letters gives "".
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		s := ""
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			s = string(r)
		case latinFold[r] != "":
			s = latinFold[r]
		case r == '\'' || r == '’':
			continue // "patient's" → "patients"
		}
		if s == "" {
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(s)
	}
	slug := b.String()
	if len(slug) > MaxIDLength {
		slug = slug[:MaxIDLength]
		if i := strings.LastIndexByte(slug, '-'); i > MaxIDLength/2 {
			slug = slug[:i]
		}
		slug = strings.TrimRight(slug, "-")
	}
	return slug
}

// NewID returns a slug for name that no node uses and that the history does
// not mention: an id that once named a merged or deleted code stays retired,
// so that segments still carrying it are never attached to a new code by
// mistake. Collisions get "-2", "-3", …; a name without usable letters gets
// the kind's name ("code", "theme-2").
func (cb *Codebook) NewID(name string, kind Kind) string {
	base := Slug(name)
	if base == "" {
		base = kind.String()
	}
	taken := cb.takenIDs()
	if !taken[base] {
		return base
	}
	for i := 2; ; i++ {
		suffix := "-" + strconv.Itoa(i)
		stem := base
		if len(stem)+len(suffix) > MaxIDLength {
			stem = strings.TrimRight(stem[:MaxIDLength-len(suffix)], "-")
		}
		if id := stem + suffix; !taken[id] {
			return id
		}
	}
}

// takenIDs is every id in the tree or named in the history.
func (cb *Codebook) takenIDs() map[string]bool {
	taken := map[string]bool{}
	cb.Walk(func(n, _ *Node) bool {
		taken[n.ID] = true
		return true
	})
	for _, e := range cb.History {
		taken[e.ID] = true
		if e.To != "" {
			taken[e.To] = true
		}
		for _, id := range e.New {
			taken[id] = true
		}
	}
	return taken
}

// retired reports whether id was removed by an earlier merge, split or
// delete recorded in the history.
func (cb *Codebook) retired(id string) bool {
	undone := cb.undone()
	for i, e := range cb.History {
		if undone[i] {
			continue
		}
		if e.ID == id && (e.What == OpMerge || e.What == OpDelete || (e.What == OpSplit && e.To != "")) {
			return true
		}
	}
	return false
}
