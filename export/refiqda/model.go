package refiqda

import (
	"encoding/xml"
	"strconv"
	"strings"
)

// Namespaces of the two schemas.
const (
	ProjectNamespace  = "urn:QDA-XML:project:1.0"
	CodebookNamespace = "urn:QDA-XML:codebook:1.0"
)

// Project is project.qde. Field order is the schema's element order. The
// element structs serve both writing and lenient reading: their tags name
// no namespace, so any namespace (or none) reads.
type Project struct {
	XMLName          xml.Name
	Name             string     `xml:"name,attr"`
	Origin           string     `xml:"origin,attr,omitempty"`
	CreatingUserGUID string     `xml:"creatingUserGUID,attr,omitempty"`
	CreationDateTime string     `xml:"creationDateTime,attr,omitempty"`
	Users            *Users     `xml:"Users"`
	CodeBook         *CodeBook  `xml:"CodeBook"`
	Variables        *Variables `xml:"Variables"`
	Cases            *Cases     `xml:"Cases"`
	Sources          *Sources   `xml:"Sources"`
	Notes            *Notes     `xml:"Notes"`
	Sets             *Sets      `xml:"Sets"`
	Description      string     `xml:"Description,omitempty"`
	NoteRefs         []Ref      `xml:"NoteRef"`
}

// Users lists the people of the project.
type Users struct {
	User []User `xml:"User"`
}

// User is one person.
type User struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr,omitempty"`
	ID   string `xml:"id,attr,omitempty"`
}

// CodeBook holds the codes of a project.
type CodeBook struct {
	Codes Codes `xml:"Codes"`
}

// Codes is a list of codes.
type Codes struct {
	Code []Code `xml:"Code"`
}

// Code is a code; one that cannot be applied (IsCodable false) groups
// others, as a theme does.
type Code struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	IsCodable   Bool   `xml:"isCodable,attr"`
	Color       string `xml:"color,attr,omitempty"`
	Description string `xml:"Description,omitempty"`
	NoteRefs    []Ref  `xml:"NoteRef"`
	Codes       []Code `xml:"Code"`
}

// Variables lists the variables cases and sources carry values of.
type Variables struct {
	Variable []Variable `xml:"Variable"`
}

// Variable is one variable; TypeOfVariable is Text, Boolean, Integer,
// Float, Date or DateTime.
type Variable struct {
	GUID           string `xml:"guid,attr"`
	Name           string `xml:"name,attr"`
	TypeOfVariable string `xml:"typeOfVariable,attr"`
	Description    string `xml:"Description,omitempty"`
}

// VariableValue is a case's or source's value of a variable: exactly one
// of the values is set.
type VariableValue struct {
	VariableRef Ref     `xml:"VariableRef"`
	TextValue   *string `xml:"TextValue"`
	BoolValue   *string `xml:"BooleanValue"`
	IntValue    *string `xml:"IntegerValue"`
	FloatValue  *string `xml:"FloatValue"`
	DateValue   *string `xml:"DateValue"`
	DateTime    *string `xml:"DateTimeValue"`
}

// Value is the value as text, whatever its type.
func (v VariableValue) Value() string {
	for _, p := range []*string{v.TextValue, v.BoolValue, v.IntValue, v.FloatValue, v.DateValue, v.DateTime} {
		if p != nil {
			return *p
		}
	}
	return ""
}

// Cases lists the cases (respondents).
type Cases struct {
	Case []Case `xml:"Case"`
}

// Case is one respondent, with their variables and sources.
type Case struct {
	GUID           string          `xml:"guid,attr"`
	Name           string          `xml:"name,attr,omitempty"`
	Description    string          `xml:"Description,omitempty"`
	CodeRefs       []Ref           `xml:"CodeRef"`
	VariableValues []VariableValue `xml:"VariableValue"`
	SourceRefs     []Ref           `xml:"SourceRef"`
	SelectionRefs  []Ref           `xml:"SelectionRef"`
}

// Sources lists the sources; mixeval reads and writes text sources only.
type Sources struct {
	TextSource []TextSource `xml:"TextSource"`
	// Other counts sources of other kinds (pictures, PDF, audio, video)
	// that a reader skipped.
	Other []OtherSource `xml:",any"`
}

// OtherSource is a source mixeval does not read.
type OtherSource struct {
	XMLName xml.Name
	GUID    string `xml:"guid,attr"`
	Name    string `xml:"name,attr"`
}

// TextSource is one text, held in a file (PlainTextPath) or inline.
type TextSource struct {
	GUID             string               `xml:"guid,attr"`
	Name             string               `xml:"name,attr,omitempty"`
	RichTextPath     string               `xml:"richTextPath,attr,omitempty"`
	PlainTextPath    string               `xml:"plainTextPath,attr,omitempty"`
	CreatingUser     string               `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string               `xml:"creationDateTime,attr,omitempty"`
	Description      string               `xml:"Description,omitempty"`
	PlainTextContent *string              `xml:"PlainTextContent"`
	Selections       []PlainTextSelection `xml:"PlainTextSelection"`
	Codings          []Coding             `xml:"Coding"`
	NoteRefs         []Ref                `xml:"NoteRef"`
	VariableValues   []VariableValue      `xml:"VariableValue"`
}

// PlainTextSelection is a span of a text source: code point offsets,
// start inclusive, end exclusive.
type PlainTextSelection struct {
	GUID             string   `xml:"guid,attr"`
	Name             string   `xml:"name,attr,omitempty"`
	StartPosition    Position `xml:"startPosition,attr"`
	EndPosition      Position `xml:"endPosition,attr"`
	CreatingUser     string   `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string   `xml:"creationDateTime,attr,omitempty"`
	Description      string   `xml:"Description,omitempty"`
	Codings          []Coding `xml:"Coding"`
	NoteRefs         []Ref    `xml:"NoteRef"`
}

// Coding applies a code.
type Coding struct {
	GUID             string `xml:"guid,attr"`
	CreatingUser     string `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string `xml:"creationDateTime,attr,omitempty"`
	CodeRef          Ref    `xml:"CodeRef"`
	NoteRefs         []Ref  `xml:"NoteRef"`
}

// Notes lists the memos.
type Notes struct {
	Note []Note `xml:"Note"`
}

// Note is a memo: a text source whose text is inline.
type Note struct {
	GUID             string  `xml:"guid,attr"`
	Name             string  `xml:"name,attr,omitempty"`
	CreatingUser     string  `xml:"creatingUser,attr,omitempty"`
	CreationDateTime string  `xml:"creationDateTime,attr,omitempty"`
	Description      string  `xml:"Description,omitempty"`
	PlainTextContent *string `xml:"PlainTextContent"`
	PlainTextPath    string  `xml:"plainTextPath,attr,omitempty"`
}

// Sets lists groups of codes, sources or notes.
type Sets struct {
	Set []Set `xml:"Set"`
}

// Set is one group. In a project its members are references
// (targetGUID); in a codebook file, MemberCode has a guid attribute.
type Set struct {
	GUID          string `xml:"guid,attr"`
	Name          string `xml:"name,attr"`
	Description   string `xml:"Description,omitempty"`
	MemberCodes   []Ref  `xml:"MemberCode"`
	MemberSources []Ref  `xml:"MemberSource"`
	MemberNotes   []Ref  `xml:"MemberNote"`
}

// Ref points at an element by its GUID.
type Ref struct {
	TargetGUID string `xml:"targetGUID,attr"`
	// GUID is read from a codebook file's MemberCode.
	GUID string `xml:"guid,attr,omitempty"`
}

// Target is the GUID the reference points at.
func (r Ref) Target() string {
	if r.TargetGUID != "" {
		return r.TargetGUID
	}
	return r.GUID
}

// Position is a code point offset. Read leniently: a value that is not a
// whole number of at least 0 reads as -1, and the selection is skipped
// rather than the file refused.
type Position int

// UnmarshalXMLAttr reads a position.
func (p *Position) UnmarshalXMLAttr(a xml.Attr) error {
	n, err := strconv.Atoi(strings.TrimSpace(a.Value))
	if err != nil || n < 0 {
		n = -1
	}
	*p = Position(n)
	return nil
}

// Bool is an xsd:boolean, read leniently ("true", "1", "yes" in any case
// are true; anything else false).
type Bool bool

// UnmarshalXMLAttr reads a boolean.
func (b *Bool) UnmarshalXMLAttr(a xml.Attr) error {
	switch strings.ToLower(strings.TrimSpace(a.Value)) {
	case "true", "1", "yes":
		*b = true
	default:
		*b = false
	}
	return nil
}

// MarshalXMLAttr writes "true" or "false".
func (b Bool) MarshalXMLAttr(name xml.Name) (xml.Attr, error) {
	return xml.Attr{Name: name, Value: strconv.FormatBool(bool(b))}, nil
}
