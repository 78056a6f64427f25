package codebook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"strings"

	"github.com/mixeval/mixeval/internal/uuid5"
)

// QDCNamespace is the XML namespace of REFI-QDA codebook files (.qdc).
const QDCNamespace = "urn:QDA-XML:codebook:1.0"

// guidNamespace is the name-space UUID under which node ids are hashed
// into GUIDs: the RFC 4122 version 5 UUID of the URL "urn:mixeval:codebook"
// in the URL name space (6ba7b811-9dad-11d1-80b4-00c04fd430c8).
var guidNamespace = uuid5.New(uuid5.UUID{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}, "urn:mixeval:codebook")

// GUID returns the REFI-QDA GUID of node id: a name-based (version 5,
// SHA-1) UUID, so the same id always gives the same GUID and a code keeps
// its GUID through renames and moves. Project exports (.qdpx) use it too,
// so codings there point at the codebook's codes.
func GUID(id string) string {
	return uuid5.New(guidNamespace, id).String()
}

type qdcCodeBook struct {
	XMLName xml.Name  `xml:"urn:QDA-XML:codebook:1.0 CodeBook"`
	Origin  string    `xml:"origin,attr,omitempty"`
	Codes   []qdcCode `xml:"Codes>Code"`
}

type qdcCode struct {
	GUID        string    `xml:"guid,attr"`
	Name        string    `xml:"name,attr"`
	IsCodable   bool      `xml:"isCodable,attr"`
	Description *qdcText  `xml:"Description"`
	Codes       []qdcCode `xml:"Code"`
}

// qdcText is element content escaped by hand: encoding/xml would write
// every line break as "&#xA;", which makes multi-line descriptions
// unreadable in the file.
type qdcText struct {
	Inner string `xml:",innerxml"`
}

func newQDCText(s string) *qdcText {
	if s == "" {
		return nil
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '\r':
			b.WriteString("&#xD;")
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case !isXMLChar(r):
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return &qdcText{Inner: b.String()}
}

// isXMLChar is the Char production of XML 1.0 (§2.2).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// QDC renders the codebook as a REFI-QDA codebook exchange file (.qdc, schema
// Codebook.xsd, QDA-XML 1.0). Themes and subthemes become codes that cannot
// be applied (isCodable="false") holding their children; codes are
// codable; unattached codes sit at the top level. A node's description joins
// its definition, scope and central organising concept. Memos and exemplars
// have no place in a .qdc and are left out. origin names the exporting
// program (e.g. "mixeval 0.1.0").
func (cb *Codebook) QDC(origin string) ([]byte, error) {
	var convert func(list []*Node) []qdcCode
	convert = func(list []*Node) []qdcCode {
		var out []qdcCode
		for _, n := range list {
			if n == nil {
				continue
			}
			out = append(out, qdcCode{
				GUID: GUID(n.ID), Name: n.Name, IsCodable: n.Kind == Code,
				Description: newQDCText(description(n)),
				Codes:       append(convert(n.Subthemes), convert(n.Codes)...),
			})
		}
		return out
	}
	book := qdcCodeBook{Origin: origin, Codes: append(convert(cb.Themes), convert(cb.Codes)...)}
	if len(book.Codes) == 0 {
		return nil, errors.New("export codebook: the codebook has no themes or codes (a .qdc file needs at least one code)")
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(book); err != nil {
		return nil, fmt.Errorf("export codebook: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

func description(n *Node) string {
	var parts []string
	if d := strings.TrimSpace(n.Definition); d != "" {
		parts = append(parts, d)
	}
	if n.Scope != nil {
		if s := strings.TrimSpace(n.Scope.Include); s != "" {
			parts = append(parts, "Include: "+s)
		}
		if s := strings.TrimSpace(n.Scope.Exclude); s != "" {
			parts = append(parts, "Exclude: "+s)
		}
	}
	if c := strings.TrimSpace(n.Concept); c != "" {
		parts = append(parts, "Central organising concept: "+c)
	}
	return strings.Join(parts, "\n\n")
}
