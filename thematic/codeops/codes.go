package codeops

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mixeval/mixeval/codebook"
)

// EnsureCodes makes sure every id in codes names a code of cb. An id the
// codebook does not know is created as an unattached code (named after the
// id: "not-alone" becomes "Not alone"), recorded in the codebook's history
// with who as the author; the ids created are returned, in order. An id that
// names a theme is an error: segments carry codes, never themes. cb is only
// changed in memory; the caller saves it.
func EnsureCodes(cb *codebook.Codebook, who string, codes []string) ([]string, error) {
	var created []string
	for _, id := range codes {
		if n := cb.Find(id); n != nil {
			if !cb.IsCode(id) {
				return created, fmt.Errorf("%q is a theme in codebook.yaml, not a code: segments carry codes (pick one of the codes under it)", id)
			}
			continue
		}
		if _, err := cb.Create(who, codebook.NewNode{Kind: codebook.Code, ID: id, Name: NameFromID(id)}); err != nil {
			return created, fmt.Errorf("cannot create code %q: %w", id, err)
		}
		created = append(created, id)
	}
	return created, nil
}

// NameFromID makes a readable name from a code id: hyphens become spaces
// and the first letter is upper case.
func NameFromID(id string) string {
	s := strings.ReplaceAll(id, "-", " ")
	r, size := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[size:]
}
