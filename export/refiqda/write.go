package refiqda

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"sort"
	"time"
)

// MarshalProject renders project.qde: an XML declaration, the Project
// element in the project namespace, indented.
func MarshalProject(p *Project) ([]byte, error) {
	q := *p
	q.XMLName = xml.Name{Space: ProjectNamespace, Local: "Project"}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(&q); err != nil {
		return nil, fmt.Errorf("write project.qde: %w", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes(), nil
}

// SourcePath is where a text source's text lives inside a .qdpx, as its
// plainTextPath names it.
func SourcePath(guid string) string { return "internal://" + guid + ".txt" }

// WriteQDPX zips a project: project.qde at the root, each text of texts
// (by source GUID) as sources/<GUID>.txt, UTF-8 without a byte order mark,
// exactly as given, and each of extra (name to bytes) at the root. Entries
// are stamped with modified, so the same project gives the same bytes.
func WriteQDPX(p *Project, texts map[string]string, extra map[string][]byte, modified time.Time) ([]byte, error) {
	qde, err := MarshalProject(p)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: modified.UTC()})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	if err := add("project.qde", qde); err != nil {
		return nil, err
	}
	guids := make([]string, 0, len(texts))
	for g := range texts {
		guids = append(guids, g)
	}
	sort.Strings(guids)
	for _, g := range guids {
		if err := add("sources/"+g+".txt", []byte(texts[g])); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(extra))
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(n, extra[n]); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
