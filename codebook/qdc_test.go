package codebook

import (
	"bytes"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// refiDir holds the REFI-QDA schemas (MIT, REFI-QDA group; see its
// README.md) and our reference examples, so that the tests always have them.
const refiDir = "testdata/refi-qda"

// TestGUID checks the name-based UUIDs against Python's uuid module, an
// independent implementation of RFC 4122:
//
//	ns = uuid.uuid5(uuid.NAMESPACE_URL, "urn:mixeval:codebook")  # 8d4ae16f-81f7-56f8-bc39-cbbd9aa3da08
//	uuid.uuid5(ns, "not-alone")                                   # 7e5cbeb0-32a9-5cb8-85c6-0369982e89b5
func TestGUID(t *testing.T) {
	tests := []struct{ got, want string }{
		{guidNamespace.String(), "8d4ae16f-81f7-56f8-bc39-cbbd9aa3da08"},
		{GUID("not-alone"), "7e5cbeb0-32a9-5cb8-85c6-0369982e89b5"},
		{GUID("sense-of-belonging"), "a6430aa6-aada-5fa2-aa31-452a1878818b"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

func TestQDCGolden(t *testing.T) {
	cb, err := Load(filepath.Join("testdata", "representative.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := cb.QDC("mixeval test")
	if err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "representative.qdc")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("QDC output differs from %s:\n%s", golden, lineDiff(string(want), string(got)))
	}
	if err := checkQDC(got); err != nil {
		t.Errorf("structure: %v", err)
	}
	xmllintQDC(t, got)
	// Themes are not codable, codes are; the hierarchy is kept.
	for _, frag := range []string{
		`<Code guid="a6430aa6-aada-5fa2-aa31-452a1878818b" name="Sense of belonging" isCodable="false">`,
		`<Code guid="7e5cbeb0-32a9-5cb8-85c6-0369982e89b5" name="Not alone with pain" isCodable="true">`,
		"Include: Talk of the group",
		"Central organising concept: Being among people who \"get it\"",
	} {
		if !bytes.Contains(got, []byte(frag)) {
			t.Errorf("output lacks %s", frag)
		}
	}
	if bytes.Contains(got, []byte("Alice, week 3")) {
		t.Error("memos must not be exported")
	}
}

func TestQDCEscapesAndEmpty(t *testing.T) {
	if _, err := New().QDC(""); err == nil {
		t.Error("empty codebook exported")
	}
	cb := New()
	cb.Codes = []*Node{{ID: "a", Name: `A & <b> "c"`, Kind: Code, Definition: "x < y & z\r\nbell\a"}}
	got, err := cb.QDC("")
	if err != nil {
		t.Fatal(err)
	}
	if err := checkQDC(got); err != nil {
		t.Fatalf("%v\n%s", err, got)
	}
	var doc struct {
		Codes []struct {
			Name string `xml:"name,attr"`
			Desc string `xml:"Description"`
		} `xml:"Codes>Code"`
	}
	if err := xml.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	// XML reads "\r\n" back as "\n" only when the \r is literal; written as
	// &#xD; it survives. The bell is not an XML character: replaced.
	if doc.Codes[0].Name != `A & <b> "c"` || doc.Codes[0].Desc != "x < y & z\r\nbell\uFFFD" {
		t.Errorf("read back %q / %q", doc.Codes[0].Name, doc.Codes[0].Desc)
	}
	xmllintQDC(t, got)
}

// TestQDCChecker shows the structural checker accepts the reference example
// and rejects what Codebook.xsd rejects.
func TestQDCChecker(t *testing.T) {
	example, err := os.ReadFile(filepath.Join(refiDir, "example-minimal.qdc"))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkQDC(example); err != nil {
		t.Fatalf("reference example rejected: %v", err)
	}
	bad := []struct{ name, from, to, want string }{
		{"empty Sets", `<Sets>`, `<Sets/><Sets>`, "Sets"},
		{"missing guid", `guid="0b9e8d7c-6a5f-4e3d-8c2b-1a0f9e8d7c6b" name`, `name`, "guid"},
		{"bad guid", `6f1c2b7e-3a4d`, `6f1c2b7e-3a4`, "guid"},
		{"isCodable not boolean", `isCodable="true"`, `isCodable="yes"`, "isCodable"},
		{"wrong namespace", `urn:QDA-XML:codebook:1.0`, `urn:QDA-XML:project:1.0`, "namespace"},
		{"unknown element", `<Description>Theme`, `<Memo/><Description>Theme`, "Memo"},
	}
	for _, tt := range bad {
		in := strings.Replace(string(example), tt.from, tt.to, 1)
		if err := checkQDC([]byte(in)); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want an error about %s", tt.name, err, tt.want)
		}
	}
}

// xmllintQDC validates against Codebook.xsd when xmllint is installed; CI
// (CI set) installs it, and there its absence fails the test.
func xmllintQDC(t *testing.T, data []byte) {
	t.Helper()
	xsd := filepath.Join(refiDir, "Codebook.xsd")
	if _, err := exec.LookPath("xmllint"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("xmllint not installed: CI must validate the export against Codebook.xsd")
		}
		t.Log("xmllint not installed; XSD validation skipped")
		return
	}
	f := filepath.Join(t.TempDir(), "codebook.qdc")
	if err := os.WriteFile(f, data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("xmllint", "--noout", "--schema", xsd, f).CombinedOutput()
	if err != nil {
		t.Errorf("xmllint: %v\n%s", err, out)
	}
}

var (
	guidRe = regexp.MustCompile(`^([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|\{[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\})$`)
	rgbRe  = regexp.MustCompile(`^#([A-Fa-f0-9]{6}|[A-Fa-f0-9]{3})$`)
)

// xmlElem is a parsed element for the structural check.
type xmlElem struct {
	name     xml.Name
	attrs    map[string]string
	children []*xmlElem
}

func parseXML(data []byte) (*xmlElem, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xmlElem
	var root *xmlElem
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			return root, nil
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			e := &xmlElem{name: tok.Name, attrs: map[string]string{}}
			for _, a := range tok.Attr {
				if a.Name.Space == "" && a.Name.Local != "xmlns" {
					e.attrs[a.Name.Local] = a.Value
				}
			}
			if len(stack) == 0 {
				root = e
			} else {
				p := stack[len(stack)-1]
				p.children = append(p.children, e)
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// checkQDC checks data against the rules of Codebook.xsd (QDA-XML 1.0),
// written out by hand from the schema: CodeBook(Codes, Sets?) with
// attribute origin; Codes(Code+); Sets(Set+); Code(Description?, Code*)
// with guid, name, isCodable required and color optional; Set(Description?,
// MemberCode*) with guid and name; MemberCode with guid.
func checkQDC(data []byte) error {
	root, err := parseXML(data)
	if err != nil {
		return err
	}
	if root == nil || root.name.Local != "CodeBook" {
		return errors.New("root element is not CodeBook")
	}
	var errs []string
	bad := func(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }
	var check func(e *xmlElem)
	seq := func(e *xmlElem, allowed []string, min map[string]int, max map[string]int) {
		pos := 0
		count := map[string]int{}
		for _, c := range e.children {
			i := pos
			for i < len(allowed) && allowed[i] != c.name.Local {
				i++
			}
			if i == len(allowed) {
				bad("<%s> not allowed here in <%s> (allowed in order: %s)", c.name.Local, e.name.Local, strings.Join(allowed, ", "))
				continue
			}
			pos = i
			count[c.name.Local]++
			check(c)
		}
		for k, n := range min {
			if count[k] < n {
				bad("<%s> needs at least %d <%s>", e.name.Local, n, k)
			}
		}
		for k, n := range max {
			if count[k] > n {
				bad("<%s> allows at most %d <%s>", e.name.Local, n, k)
			}
		}
	}
	attrs := func(e *xmlElem, required, optional []string) {
		known := map[string]bool{}
		for _, a := range required {
			known[a] = true
			if _, ok := e.attrs[a]; !ok {
				bad("<%s> lacks attribute %s", e.name.Local, a)
			}
		}
		for _, a := range optional {
			known[a] = true
		}
		for a := range e.attrs {
			if !known[a] {
				bad("<%s> has unknown attribute %s", e.name.Local, a)
			}
		}
		if g, ok := e.attrs["guid"]; ok && !guidRe.MatchString(g) {
			bad("<%s> guid %q is not a GUID", e.name.Local, g)
		}
	}
	check = func(e *xmlElem) {
		if e.name.Space != QDCNamespace {
			bad("<%s> is in namespace %q, want %q", e.name.Local, e.name.Space, QDCNamespace)
		}
		switch e.name.Local {
		case "CodeBook":
			attrs(e, nil, []string{"origin"})
			seq(e, []string{"Codes", "Sets"}, map[string]int{"Codes": 1}, map[string]int{"Codes": 1, "Sets": 1})
		case "Codes":
			attrs(e, nil, nil)
			seq(e, []string{"Code"}, map[string]int{"Code": 1}, nil)
		case "Sets":
			attrs(e, nil, nil)
			seq(e, []string{"Set"}, map[string]int{"Set": 1}, nil)
		case "Code":
			attrs(e, []string{"guid", "name", "isCodable"}, []string{"color"})
			if v := e.attrs["isCodable"]; v != "true" && v != "false" && v != "1" && v != "0" {
				bad("<Code> isCodable %q is not a boolean", v)
			}
			if c, ok := e.attrs["color"]; ok && !rgbRe.MatchString(c) {
				bad("<Code> color %q is not #RRGGBB", c)
			}
			seq(e, []string{"Description", "Code"}, nil, map[string]int{"Description": 1})
		case "Set":
			attrs(e, []string{"guid", "name"}, nil)
			seq(e, []string{"Description", "MemberCode"}, nil, map[string]int{"Description": 1})
		case "MemberCode":
			attrs(e, []string{"guid"}, nil)
			seq(e, nil, nil, nil)
		case "Description":
			attrs(e, nil, nil)
			seq(e, nil, nil, nil)
		}
	}
	check(root)
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}
