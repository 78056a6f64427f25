package refiqda

import (
	"strings"

	"github.com/mixeval/mixeval/codebook"
	"github.com/mixeval/mixeval/internal/uuid5"
)

// Kind is what a GUID identifies. Each kind has a name space of its own,
// so that a respondent and a document with the same id get different
// GUIDs.
type Kind string

// The kinds of GUID a project holds.
const (
	KindUser      Kind = "user"
	KindSource    Kind = "source"
	KindSelection Kind = "selection"
	KindCoding    Kind = "coding"
	KindCase      Kind = "case"
	KindVariable  Kind = "variable"
	KindNote      Kind = "note"
	KindSet       Kind = "set"
)

// urlSpace is RFC 4122's name space for URLs (Appendix C).
var urlSpace = uuid5.UUID{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// GUID returns the stable GUID of name among things of kind: a
// name-based (version 5) UUID in the name space of the URL
// "urn:mixeval:<kind>", so every export of the same study gives the same
// GUIDs. Codes use codebook.GUID, the GUIDs of the .qdc export, so that a
// project's codings point at the codebook's codes.
func GUID(kind Kind, name string) string {
	space, ok := kindSpaces[kind]
	if !ok {
		space = uuid5.New(urlSpace, "urn:mixeval:"+string(kind))
	}
	return uuid5.New(space, name).String()
}

// kindSpaces are the name spaces of the kinds, worked out once (a project
// of 100,000 answers asks for some 400,000 GUIDs). Never changed.
var kindSpaces = func() map[Kind]uuid5.UUID {
	m := map[Kind]uuid5.UUID{}
	for _, k := range []Kind{KindUser, KindSource, KindSelection, KindCoding, KindCase, KindVariable, KindNote, KindSet} {
		m[k] = uuid5.New(urlSpace, "urn:mixeval:"+string(k))
	}
	return m
}()

// CodeGUID is the GUID of a code or theme id (codebook.GUID).
func CodeGUID(id string) string { return codebook.GUID(id) }

// NormalGUID is the form references are compared in: lower case, without
// braces or surrounding space. A GUID that is not a GUID is kept as it is
// otherwise: files from other tools are read leniently.
func NormalGUID(g string) string {
	g = strings.TrimSpace(g)
	g = strings.TrimSuffix(strings.TrimPrefix(g, "{"), "}")
	return strings.ToLower(g)
}

// ValidGUID reports whether g has the 8-4-4-4-12 hex form the schemas ask
// for (optionally in braces).
func ValidGUID(g string) bool {
	g = strings.TrimSuffix(strings.TrimPrefix(g, "{"), "}")
	if len(g) != 36 {
		return false
	}
	for i := 0; i < len(g); i++ {
		c := g[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}
