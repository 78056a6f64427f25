package refiqda

import (
	"bufio"
	"strconv"
	"unicode/utf8"
)

// xmlWriter writes project.qde by hand, in schema order: encoding/xml's
// reflection took over a second for a project of 100,000 answers, and it
// writes every line break in a description as "&#xA;". Empty elements are
// written self-closed; text keeps its line breaks (a CR is written as a
// character reference, as XML parsers would otherwise turn CRLF into LF).
type xmlWriter struct {
	b     *bufio.Writer
	depth int
}

// attr is one attribute; empty values are left out unless keep.
type attr struct {
	name, value string
	keep        bool
}

func (w *xmlWriter) indent() {
	w.b.WriteByte('\n')
	for range w.depth {
		w.b.WriteString("  ")
	}
}

func (w *xmlWriter) start(name string, attrs ...attr) {
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	for _, a := range attrs {
		if a.value == "" && !a.keep {
			continue
		}
		w.b.WriteByte(' ')
		w.b.WriteString(a.name)
		w.b.WriteString(`="`)
		escape(w.b, a.value, true)
		w.b.WriteByte('"')
	}
}

// open starts an element that has children; end closes it.
func (w *xmlWriter) open(name string, attrs ...attr) {
	w.start(name, attrs...)
	w.b.WriteByte('>')
	w.depth++
}

func (w *xmlWriter) end(name string) {
	w.depth--
	w.indent()
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// empty writes an element without children.
func (w *xmlWriter) empty(name string, attrs ...attr) {
	w.start(name, attrs...)
	w.b.WriteString("/>")
}

// text writes an element holding text; nothing when text is empty and
// not keep.
func (w *xmlWriter) text(name, text string, keep bool) {
	if text == "" && !keep {
		return
	}
	w.indent()
	w.b.WriteByte('<')
	w.b.WriteString(name)
	w.b.WriteByte('>')
	escape(w.b, text, false)
	w.b.WriteString("</")
	w.b.WriteString(name)
	w.b.WriteByte('>')
}

// escape writes s as XML character data (or an attribute value): markup
// characters as entities, characters XML 1.0 does not allow as U+FFFD.
func escape(b *bufio.Writer, s string, inAttr bool) {
	if plainASCII(s) {
		b.WriteString(s)
		return
	}
	last := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		var esc string
		switch {
		case r == '&':
			esc = "&amp;"
		case r == '<':
			esc = "&lt;"
		case r == '>':
			esc = "&gt;"
		case r == '"' && inAttr:
			esc = "&quot;"
		case r == '\r':
			esc = "&#xD;"
		case (r == '\n' || r == '\t') && inAttr:
			esc = "&#x" + strconv.FormatInt(int64(r), 16) + ";"
		case r == utf8.RuneError && size == 1, !isXMLChar(r):
			esc = "\uFFFD"
		default:
			i += size
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(esc)
		i += size
		last = i
	}
	b.WriteString(s[last:])
}

// plainASCII reports whether s is printable ASCII without markup
// characters: GUIDs, numbers, most names, written as they are.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < 0x20 || c > 0x7e, c == '&', c == '<', c == '>', c == '"':
			return false
		}
	}
	return true
}

// isXMLChar is the Char production of XML 1.0 (§2.2).
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func a(name, value string) attr { return attr{name: name, value: value} }

// must is an attribute written even when empty (the schema requires it).
func must(name, value string) attr { return attr{name: name, value: value, keep: true} }

// writeProject writes p.
func (w *xmlWriter) writeProject(p *Project) {
	w.b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>`)
	w.open("Project", must("xmlns", ProjectNamespace), must("name", p.Name), a("origin", p.Origin),
		a("creatingUserGUID", p.CreatingUserGUID), a("creationDateTime", p.CreationDateTime))
	if p.Users != nil {
		w.open("Users")
		for _, u := range p.Users.User {
			w.empty("User", must("guid", u.GUID), a("name", u.Name), a("id", u.ID))
		}
		w.end("Users")
	}
	if p.CodeBook != nil {
		w.open("CodeBook")
		w.open("Codes")
		w.codes(p.CodeBook.Codes.Code)
		w.end("Codes")
		w.end("CodeBook")
	}
	if p.Variables != nil {
		w.open("Variables")
		for _, v := range p.Variables.Variable {
			attrs := []attr{must("guid", v.GUID), must("name", v.Name), must("typeOfVariable", v.TypeOfVariable)}
			if v.Description == "" {
				w.empty("Variable", attrs...)
				continue
			}
			w.open("Variable", attrs...)
			w.text("Description", v.Description, false)
			w.end("Variable")
		}
		w.end("Variables")
	}
	if p.Cases != nil {
		w.open("Cases")
		for _, c := range p.Cases.Case {
			w.open("Case", must("guid", c.GUID), a("name", c.Name))
			w.text("Description", c.Description, false)
			w.refs("CodeRef", c.CodeRefs)
			w.values(c.VariableValues)
			w.refs("SourceRef", c.SourceRefs)
			w.refs("SelectionRef", c.SelectionRefs)
			w.end("Case")
		}
		w.end("Cases")
	}
	if p.Sources != nil {
		w.open("Sources")
		for i := range p.Sources.TextSource {
			w.textSource(&p.Sources.TextSource[i])
		}
		w.end("Sources")
	}
	if p.Notes != nil {
		w.open("Notes")
		for _, n := range p.Notes.Note {
			w.open("Note", must("guid", n.GUID), a("name", n.Name), a("plainTextPath", n.PlainTextPath),
				a("creatingUser", n.CreatingUser), a("creationDateTime", n.CreationDateTime))
			w.text("Description", n.Description, false)
			if n.PlainTextContent != nil {
				w.text("PlainTextContent", *n.PlainTextContent, true)
			}
			w.end("Note")
		}
		w.end("Notes")
	}
	if p.Sets != nil {
		w.open("Sets")
		for _, s := range p.Sets.Set {
			w.open("Set", must("guid", s.GUID), must("name", s.Name))
			w.text("Description", s.Description, false)
			w.refs("MemberCode", s.MemberCodes)
			w.refs("MemberSource", s.MemberSources)
			w.refs("MemberNote", s.MemberNotes)
			w.end("Set")
		}
		w.end("Sets")
	}
	w.text("Description", p.Description, false)
	w.refs("NoteRef", p.NoteRefs)
	w.end("Project")
	w.b.WriteByte('\n')
}

func (w *xmlWriter) codes(cs []Code) {
	for _, c := range cs {
		attrs := []attr{must("guid", c.GUID), must("name", c.Name), must("isCodable", strconv.FormatBool(bool(c.IsCodable))), a("color", c.Color)}
		if c.Description == "" && len(c.NoteRefs) == 0 && len(c.Codes) == 0 {
			w.empty("Code", attrs...)
			continue
		}
		w.open("Code", attrs...)
		w.text("Description", c.Description, false)
		w.refs("NoteRef", c.NoteRefs)
		w.codes(c.Codes)
		w.end("Code")
	}
}

func (w *xmlWriter) refs(name string, rs []Ref) {
	for _, r := range rs {
		w.empty(name, must("targetGUID", r.Target()))
	}
}

func (w *xmlWriter) values(vs []VariableValue) {
	for _, v := range vs {
		w.open("VariableValue")
		w.empty("VariableRef", must("targetGUID", v.VariableRef.Target()))
		for _, x := range []struct {
			name string
			v    *string
		}{{"TextValue", v.TextValue}, {"BooleanValue", v.BoolValue}, {"IntegerValue", v.IntValue},
			{"FloatValue", v.FloatValue}, {"DateValue", v.DateValue}, {"DateTimeValue", v.DateTime}} {
			if x.v != nil {
				w.text(x.name, *x.v, true)
				break
			}
		}
		w.end("VariableValue")
	}
}

func (w *xmlWriter) textSource(s *TextSource) {
	w.open("TextSource", must("guid", s.GUID), a("name", s.Name), a("richTextPath", s.RichTextPath),
		a("plainTextPath", s.PlainTextPath), a("creatingUser", s.CreatingUser), a("creationDateTime", s.CreationDateTime))
	w.text("Description", s.Description, false)
	if s.PlainTextContent != nil {
		w.text("PlainTextContent", *s.PlainTextContent, true)
	}
	for _, sel := range s.Selections {
		w.open("PlainTextSelection", must("guid", sel.GUID), a("name", sel.Name),
			must("startPosition", strconv.Itoa(int(sel.StartPosition))), must("endPosition", strconv.Itoa(int(sel.EndPosition))),
			a("creatingUser", sel.CreatingUser), a("creationDateTime", sel.CreationDateTime))
		w.text("Description", sel.Description, false)
		w.codings(sel.Codings)
		w.refs("NoteRef", sel.NoteRefs)
		w.end("PlainTextSelection")
	}
	w.codings(s.Codings)
	w.refs("NoteRef", s.NoteRefs)
	w.values(s.VariableValues)
	w.end("TextSource")
}

func (w *xmlWriter) codings(cs []Coding) {
	for _, c := range cs {
		w.open("Coding", must("guid", c.GUID), a("creatingUser", c.CreatingUser), a("creationDateTime", c.CreationDateTime))
		w.empty("CodeRef", must("targetGUID", c.CodeRef.Target()))
		w.refs("NoteRef", c.NoteRefs)
		w.end("Coding")
	}
}
