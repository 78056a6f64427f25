package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Package is a .qdpx as read.
type Package struct {
	Project *Project
	// ProjectFile is the name of the project file in the zip (project.qde,
	// or what another tool called it).
	ProjectFile string
	// Texts maps each text source's GUID (NormalGUID) to its text: from
	// its file, or inline; a byte order mark removed, line endings as
	// they were.
	Texts map[string]string
	// Extra holds the other files at the zip's root, by name.
	Extra map[string][]byte
	// Skipped says, one sentence each, what was left out.
	Skipped []string
}

// maxEntry bounds what is read from one zip entry: a project or text
// larger than this is not a feedback study's (and a zip bomb is not read).
const maxEntry = 512 << 20

// ReadQDPX reads a REFI-QDA project leniently: the project file may have
// any name ending in .qde; a source's text is found under sources/ by the
// file name its plainTextPath ends in, in any letter case; sources that are
// not text, or whose text is missing, are skipped and reported.
func ReadQDPX(data []byte) (*Package, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("not a REFI-QDA project (.qdpx is a zip file): %w", err)
	}
	pkg := &Package{Texts: map[string]string{}, Extra: map[string][]byte{}}
	files := map[string]*zip.File{}
	var qde *zip.File
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean(strings.ReplaceAll(f.Name, `\`, "/")), "/")
		files[strings.ToLower(name)] = f
		switch {
		case strings.EqualFold(name, "project.qde"):
			qde = f
		case qde == nil && strings.HasSuffix(strings.ToLower(name), ".qde"):
			qde = f
		case !strings.Contains(name, "/") && !f.FileInfo().IsDir():
			if b, err := readEntry(f); err == nil {
				pkg.Extra[name] = b
			}
		}
	}
	if qde == nil {
		return nil, errors.New("the project holds no project file (project.qde)")
	}
	pkg.ProjectFile = qde.Name
	delete(pkg.Extra, qde.Name)
	raw, err := readEntry(qde)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", qde.Name, err)
	}
	if pkg.Project, err = ParseProject(raw); err != nil {
		return nil, fmt.Errorf("%s: %w", qde.Name, err)
	}
	pkg.readTexts(files)
	return pkg, nil
}

func readEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	b, err := io.ReadAll(io.LimitReader(rc, maxEntry+1))
	if err != nil {
		return nil, err
	}
	if len(b) > maxEntry {
		return nil, fmt.Errorf("%s is larger than %d MB", f.Name, maxEntry>>20)
	}
	return b, nil
}

// readTexts finds every text source's text.
func (pkg *Package) readTexts(files map[string]*zip.File) {
	p := pkg.Project
	if p.Sources == nil {
		return
	}
	for _, o := range p.Sources.Other {
		pkg.skip("%s %q: mixeval reads text sources only", o.XMLName.Local, o.Name)
	}
	for _, s := range p.Sources.TextSource {
		g := NormalGUID(s.GUID)
		switch {
		case s.PlainTextContent != nil && s.PlainTextPath == "":
			pkg.Texts[g] = *s.PlainTextContent
		case s.PlainTextPath != "":
			f := files[sourceEntry(s.PlainTextPath)]
			if f == nil {
				pkg.skip("text source %q: its text %s is not in the project", s.Name, s.PlainTextPath)
				continue
			}
			b, err := readEntry(f)
			if err != nil {
				pkg.skip("text source %q: %v", s.Name, err)
				continue
			}
			pkg.Texts[g] = DecodeText(b)
		default:
			pkg.skip("text source %q has no plain text (only %q): export it with plain text", s.Name, s.RichTextPath)
		}
	}
}

// sourceEntry is the zip entry a plainTextPath names, lower case:
// "internal://X.txt" is sources/X.txt; other forms are looked up by their
// last element under sources/.
func sourceEntry(p string) string {
	p = strings.ReplaceAll(p, `\`, "/")
	if rest, ok := strings.CutPrefix(p, "internal://"); ok {
		return strings.ToLower("sources/" + strings.TrimPrefix(rest, "/"))
	}
	return strings.ToLower("sources/" + path.Base(p))
}

func (pkg *Package) skip(format string, args ...any) {
	pkg.Skipped = append(pkg.Skipped, fmt.Sprintf(format, args...))
}

// DecodeText reads a source's bytes as text: UTF-8 (a byte order mark
// removed), UTF-16 with a byte order mark, or else Windows-1252.
func DecodeText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD")
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewDecoder().Bytes(b)
		if err == nil {
			return string(out)
		}
	case utf8.Valid(b):
		return string(b)
	}
	out, _ := charmap.Windows1252.NewDecoder().Bytes(b)
	return string(out)
}

// ParseProject reads project.qde leniently (any namespace, a byte order
// mark, an encoding other than UTF-8 declared).
func ParseProject(data []byte) (*Project, error) {
	var p Project
	if err := decodeXML(data, &p); err != nil {
		return nil, err
	}
	if p.XMLName.Local != "Project" {
		return nil, fmt.Errorf("the root element is %q, not Project", p.XMLName.Local)
	}
	return &p, nil
}

// CodebookFile is a .qdc as read.
type CodebookFile struct {
	XMLName xml.Name
	Origin  string `xml:"origin,attr"`
	Codes   Codes  `xml:"Codes"`
	Sets    *Sets  `xml:"Sets"`
}

// ParseQDC reads a codebook file leniently.
func ParseQDC(data []byte) (*CodebookFile, error) {
	var c CodebookFile
	if err := decodeXML(data, &c); err != nil {
		return nil, err
	}
	if c.XMLName.Local != "CodeBook" {
		return nil, fmt.Errorf("the root element is %q, not CodeBook", c.XMLName.Local)
	}
	return &c, nil
}

func decodeXML(data []byte, v any) error {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = charsetReader
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("not readable as REFI-QDA XML: %w", err)
	}
	return nil
}

// charsetReader decodes the encodings other tools declare besides UTF-8.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8":
		return in, nil
	case "utf-16", "utf16":
		return unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewDecoder().Reader(in), nil
	case "windows-1252", "cp1252", "iso-8859-1", "latin1", "latin-1":
		return charmap.Windows1252.NewDecoder().Reader(in), nil
	}
	return nil, fmt.Errorf("the file declares the encoding %q, which mixeval does not read: save it as UTF-8", label)
}
