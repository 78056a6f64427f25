package refiqda

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/flate"
	"io"
	"sort"
	"time"
)

// MarshalProject renders project.qde: an XML declaration and the Project
// element in the project namespace, indented, elements in schema order.
func MarshalProject(p *Project) ([]byte, error) {
	var buf bytes.Buffer
	if err := writeProject(&buf, p); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// writeProject streams project.qde to out.
func writeProject(out io.Writer, p *Project) error {
	w := xmlWriter{b: bufio.NewWriterSize(out, 64<<10)}
	w.writeProject(p)
	return w.b.Flush()
}

// SourcePath is where a text source's text lives inside a .qdpx, as its
// plainTextPath names it.
func SourcePath(guid string) string { return "internal://" + guid + ".txt" }

// WriteQDPX zips a project: project.qde at the root, each text of texts
// (by source GUID) as sources/<GUID>.txt, UTF-8 without a byte order mark,
// exactly as given, and each of extra (name to bytes) at the root. Entries
// are stamped with modified, so the same project gives the same bytes.
func WriteQDPX(p *Project, texts map[string]string, extra map[string][]byte, modified time.Time) ([]byte, error) {
	// The zip is about the texts, stored, with a header each, and
	// project.qde deflated to about half their size.
	size := 120 * (len(texts) + len(extra) + 1)
	for _, t := range texts {
		size += len(t) + len(t)/2
	}
	var buf bytes.Buffer
	buf.Grow(size)
	zw := zip.NewWriter(&buf)
	// The fastest deflate level: project.qde of a large study is tens of
	// megabytes, and the default level spent seconds on it for a few
	// percent.
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	add := func(name string, data []byte, method uint16) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: method, Modified: modified.UTC()})
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	w, err := zw.CreateHeader(&zip.FileHeader{Name: "project.qde", Method: zip.Deflate, Modified: modified.UTC()})
	if err != nil {
		return nil, err
	}
	// The XML is written on one core while the other deflates it.
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(writeProject(pw, p)) }()
	if _, err := io.Copy(w, pr); err != nil {
		pr.CloseWithError(err)
		return nil, err
	}
	guids := make([]string, 0, len(texts))
	for g := range texts {
		guids = append(guids, g)
	}
	sort.Strings(guids)
	for _, g := range guids {
		// Stored, not deflated: an answer is a few hundred bytes, and
		// compressing 100,000 of them one by one took most of the export.
		if err := add("sources/"+g+".txt", []byte(texts[g]), zip.Store); err != nil {
			return nil, err
		}
	}
	names := make([]string, 0, len(extra))
	for n := range extra {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := add(n, extra[n], zip.Deflate); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
