package refiqda

import (
	"archive/zip"
	"bytes"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/internal/uuid5"
)

// TestGUID checks the name-based UUIDs against Python's uuid module:
//
//	ns = uuid.uuid5(uuid.NAMESPACE_URL, "urn:mixeval:source")  # e004d5ca-4e0f-5ff9-8520-5caa3b055086
//	uuid.uuid5(ns, "P01/helped")                               # dc924192-63e0-591e-b389-ca0e46b81fa7
//	uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "urn:mixeval:user"), "alice")  # b0a60e18-9dd4-50eb-8524-7e071c05beca
//	uuid.uuid5(uuid.uuid5(uuid.NAMESPACE_URL, "urn:mixeval:selection"), "alice\x007ff85df0ab")
//	                                                           # 4075ce5d-c916-54bf-a2c3-d0d59eb528ab
func TestGUID(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{uuid5.New(urlSpace, "urn:mixeval:source").String(), "e004d5ca-4e0f-5ff9-8520-5caa3b055086"},
		{GUID(KindSource, "P01/helped"), "dc924192-63e0-591e-b389-ca0e46b81fa7"},
		{GUID(KindUser, "alice"), "b0a60e18-9dd4-50eb-8524-7e071c05beca"},
		{GUID(KindSelection, "alice\x007ff85df0ab"), "4075ce5d-c916-54bf-a2c3-d0d59eb528ab"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	if GUID(KindCase, "P01") == GUID(KindSource, "P01") {
		t.Error("kinds share a name space")
	}
	for g, ok := range map[string]bool{
		"dc924192-63e0-591e-b389-ca0e46b81fa7": true, "{DC924192-63E0-591E-B389-CA0E46B81FA7}": true,
		"dc924192-63e0-591e-b389-ca0e46b81fa": false, "not-a-guid": false, "dc924192x63e0-591e-b389-ca0e46b81fa7": false,
	} {
		if ValidGUID(g) != ok {
			t.Errorf("ValidGUID(%q) = %v", g, !ok)
		}
	}
	if NormalGUID(" {DC924192-63E0-591E-B389-CA0E46B81FA7} ") != "dc924192-63e0-591e-b389-ca0e46b81fa7" {
		t.Error("NormalGUID")
	}
}

// TestNormalize maps positions through each step, worked by hand.
func TestNormalize(t *testing.T) {
	// "Hello there.\r\nThe cafe\u0301 was calm.\r\n": "The " starts at 14,
	// "cafe´" is [18,23), "was calm" [24,32). Without the CR and with é
	// composed: "Hello there.\nThe café was calm.", "café" [17,21), "was
	// calm" [22,30).
	text, m := Normalize("Hello there.\r\nThe cafe\u0301 was calm.\r\n")
	if text != "Hello there.\nThe café was calm." {
		t.Fatalf("text %q", text)
	}
	for _, tt := range [][2]int{{0, 0}, {12, 12}, {13, 12}, {14, 13}, {18, 17}, {23, 21}, {24, 22}, {32, 30}, {35, 31}, {99, 31}} {
		if got := m.Map(tt[0]); got != tt[1] {
			t.Errorf("Map(%d) = %d, want %d", tt[0], got, tt[1])
		}
	}
	// Leading white space and U+FEFF go; a lone CR is a line break.
	text, m = Normalize("\uFEFF  a\rb")
	if text != "a\nb" || m.Map(3) != 0 || m.Map(4) != 1 || m.Map(5) != 2 {
		t.Errorf("%q: %d %d %d", text, m.Map(3), m.Map(4), m.Map(5))
	}
}

// nvivoProject is a project as another tool might write it: the project
// file not called project.qde, braced upper-case GUIDs, a source text with
// a byte order mark, CRLF and a decomposed é, a GUID that is not a GUID,
// an empty Sets element, a PDF source and a source whose text is missing,
// a selection memo as its Description, a note on a source.
const nvivoProject = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="Other tool 14" creatingUserGUID="{AAAAAAAA-0000-4000-8000-000000000001}">
  <Users><User guid="{AAAAAAAA-0000-4000-8000-000000000001}" name="Jane Smith"/></Users>
  <CodeBook><Codes>
    <Code guid="{C0000000-0000-4000-8000-000000000001}" name="Calm" isCodable="true">
      <Description>Feeling calm.</Description>
      <Code guid="{C0000000-0000-4000-8000-000000000002}" name="Very calm" isCodable="1"/>
    </Code>
    <Code guid="not-a-guid" name="  Odd
      code " isCodable="true"/>
  </Codes></CodeBook>
  <Variables><Variable guid="{B0000000-0000-4000-8000-000000000001}" name="Age band" typeOfVariable="Text"/></Variables>
  <Cases><Case guid="{CA000000-0000-4000-8000-000000000001}" name="Interview 1">
    <VariableValue><VariableRef targetGUID="{B0000000-0000-4000-8000-000000000001}"/><TextValue>40-49</TextValue></VariableValue>
    <SourceRef targetGUID="{D0000000-0000-4000-8000-000000000001}"/>
  </Case></Cases>
  <Sources>
    <TextSource guid="{D0000000-0000-4000-8000-000000000001}" name="Interview 1 transcript" plainTextPath="internal://D0000000-0000-4000-8000-000000000001.txt">
      <PlainTextSelection guid="{E0000000-0000-4000-8000-000000000001}" startPosition="18" endPosition="23" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
        <Description>the café</Description>
        <Coding guid="{F0000000-0000-4000-8000-000000000001}"><CodeRef targetGUID="{C0000000-0000-4000-8000-000000000001}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{E0000000-0000-4000-8000-000000000002}" startPosition="24" endPosition="32" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
        <Coding guid="{F0000000-0000-4000-8000-000000000002}"><CodeRef targetGUID="not-a-guid"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{E0000000-0000-4000-8000-000000000003}" startPosition="x" endPosition="3"/>
      <NoteRef targetGUID="{90000000-0000-4000-8000-000000000001}"/>
    </TextSource>
    <PDFSource guid="{D0000000-0000-4000-8000-000000000002}" name="Leaflet"/>
    <TextSource guid="{D0000000-0000-4000-8000-000000000003}" name="Lost" plainTextPath="internal://D0000000-0000-4000-8000-000000000003.txt"/>
  </Sources>
  <Notes><Note guid="{90000000-0000-4000-8000-000000000001}" name="memo" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><PlainTextContent>Spoke slowly.</PlainTextContent></Note></Notes>
  <Sets></Sets>
</Project>
`

func zipOf(t testing.TB, files map[string][]byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range sortedNames(files) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(files[name])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func sortedNames(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func nvivoZip(t testing.TB) []byte {
	return zipOf(t, map[string][]byte{
		"Interviews.qde": []byte(nvivoProject),
		"Sources/D0000000-0000-4000-8000-000000000001.txt": []byte("\xEF\xBB\xBFHello there.\r\nThe cafe\u0301 was calm.\r\n"),
	})
}

func TestReadLenient(t *testing.T) {
	pkg, err := ReadQDPX(nvivoZip(t))
	if err != nil {
		t.Fatal(err)
	}
	if pkg.ProjectFile != "Interviews.qde" {
		t.Errorf("project file %q", pkg.ProjectFile)
	}
	im := FromPackage(pkg, "imported")
	if len(im.Documents) != 1 {
		t.Fatalf("%d documents, want 1", len(im.Documents))
	}
	d := im.Documents[0]
	if d.ID != "Interview 1/transcript" || d.Text != "Hello there.\nThe café was calm." || d.Attributes["Age band"] != "40-49" {
		t.Errorf("document %+v", d)
	}
	// Positions as worked out in TestNormalize.
	want := []ImportedSegment{
		{Coder: "jane-smith", Document: d.ID, Start: 17, End: 21, Codes: []string{"c0000000-0000-4000-8000-000000000001"}, Memo: "the café"},
		{Coder: "jane-smith", Document: d.ID, Start: 22, End: 30, Codes: []string{"not-a-guid"}},
	}
	if len(im.Segments) != len(want) {
		t.Fatalf("segments %+v", im.Segments)
	}
	for i, w := range want {
		g := im.Segments[i]
		if g.Coder != w.Coder || g.Document != w.Document || g.Start != w.Start || g.End != w.End || !slices.Equal(g.Codes, w.Codes) || g.Memo != w.Memo {
			t.Errorf("segment %d: %+v, want %+v", i, g, w)
		}
		if got := string([]rune(d.Text)[g.Start:g.End]); i == 0 && got != "café" || i == 1 && got != "was calm" {
			t.Errorf("segment %d slices %q", i, got)
		}
	}
	if len(im.Memos) != 1 || im.Memos[0] != (ImportedMemo{Coder: "jane-smith", Document: d.ID, Text: "Spoke slowly."}) {
		t.Errorf("memos %+v", im.Memos)
	}
	if len(im.Codes) != 2 || im.Codes[0].Name != "Calm" || !im.Codes[0].Codable || len(im.Codes[0].Children) != 1 || im.Codes[1].Name != "Odd code" {
		t.Errorf("codes %+v", im.Codes)
	}
	skipped := strings.Join(im.Skipped, "\n")
	for _, want := range []string{`PDFSource "Leaflet"`, `text source "Lost"`, "not a whole number"} {
		if !strings.Contains(skipped, want) {
			t.Errorf("skipped does not say %q:\n%s", want, skipped)
		}
	}
}

func TestReadRefuses(t *testing.T) {
	for name, data := range map[string][]byte{
		"not a zip":    []byte("hello"),
		"no project":   zipOf(t, map[string][]byte{"sources/a.txt": []byte("x")}),
		"not XML":      zipOf(t, map[string][]byte{"project.qde": []byte("<Project")}),
		"wrong root":   zipOf(t, map[string][]byte{"project.qde": []byte("<CodeBook/>")}),
		"odd encoding": zipOf(t, map[string][]byte{"project.qde": []byte(`<?xml version="1.0" encoding="EBCDIC"?><Project name="x"/>`)}),
	} {
		if _, err := ReadQDPX(data); err == nil {
			t.Errorf("%s: read without error", name)
		}
	}
	if _, err := ParseQDC([]byte("<Project/>")); err == nil {
		t.Error("a project read as a codebook")
	}
}

func TestCheckReferences(t *testing.T) {
	dangling := strings.Replace(nvivoProject, `<SourceRef targetGUID="{D0000000-0000-4000-8000-000000000001}"/>`,
		`<SourceRef targetGUID="{D0000000-0000-4000-8000-000000000001}"/><SourceRef targetGUID="{D0000000-0000-4000-8000-000000000009}"/>`, 1)
	p, err := ParseProject([]byte(dangling))
	if err != nil {
		t.Fatal(err)
	}
	err = CheckReferences(p)
	if err == nil {
		t.Fatal("dangling references not found")
	}
	for _, want := range []string{`Code "not-a-guid": not a GUID`, "Case {CA000000-0000-4000-8000-000000000001} refers to TextSource {D0000000-0000-4000-8000-000000000009}"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v\ndoes not say %q", err, want)
		}
	}
}

func TestDescriptionSplit(t *testing.T) {
	def, inc, exc, con := splitDescription("Feeling calm.\r\n\r\nInclude: at home\n\nExclude: at work\n\nCentral organising concept: safety\n\nMore.")
	if def != "Feeling calm.\n\nMore." || inc != "at home" || exc != "at work" || con != "safety" {
		t.Errorf("%q %q %q %q", def, inc, exc, con)
	}
}

// TestMarshalReadsBack: a project written and read again is the same
// project, texts with line breaks, CRs, markup and characters XML does not
// allow included (the last read back as U+FFFD).
func TestMarshalReadsBack(t *testing.T) {
	p, err := ParseProject([]byte(nvivoProject))
	if err != nil {
		t.Fatal(err)
	}
	odd := "a < b & \"c\"\r\nnext line\ttab \a bell"
	p.Description = odd
	p.Sources.TextSource[0].Selections[0].Name = odd
	p.Sources.Other = nil
	out, err := MarshalProject(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := ParseProject(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := strings.Replace(odd, "\a", "\uFFFD", 1)
	if q.Description != want || q.Sources.TextSource[0].Selections[0].Name != want {
		t.Errorf("read back %q and %q, want %q", q.Description, q.Sources.TextSource[0].Selections[0].Name, want)
	}
	p.XMLName = q.XMLName
	p.Description, p.Sources.TextSource[0].Selections[0].Name = want, want
	if !reflect.DeepEqual(p, q) {
		t.Errorf("read back differs:\n%+v\n%+v", p, q)
	}
}
