package codeops

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
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
				return created, fmt.Errorf("%q is a theme in codebook.yaml, not a code: segments carry codes (pick one of the codes under it, see 'mixeval codes')", id)
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

// CheckCoder returns an error unless coder is listed among the study's
// coders. mixeval does not add coders on the fly: a mistyped name would
// otherwise start a new coder file and split one person's coding in two.
func CheckCoder(coders []string, coder string) error {
	for _, c := range coders {
		if c == coder {
			return nil
		}
	}
	if len(coders) == 0 {
		return fmt.Errorf("coder %q is not in mixeval.yaml, which lists no coders yet: add it under 'coders:' (for example 'coders: [%s]')", coder, coder)
	}
	return fmt.Errorf("coder %q is not in mixeval.yaml's coders (%s): check the spelling, or add it under 'coders:'", coder, strings.Join(coders, ", "))
}

// LoadCodebook reads the study's codebook.yaml; a study without one gets
// an empty codebook, which SaveCodebook then writes.
func LoadCodebook(studyDir string) (*codebook.Codebook, error) {
	cb, err := codebook.Load(filepath.Join(studyDir, codebook.FileName))
	if errors.Is(err, fs.ErrNotExist) {
		return codebook.New(), nil
	}
	if err != nil {
		return nil, err
	}
	return cb, nil
}

// SaveCodebook writes cb to the study's codebook.yaml atomically.
func SaveCodebook(studyDir string, cb *codebook.Codebook) error {
	return cb.Save(filepath.Join(studyDir, codebook.FileName))
}
