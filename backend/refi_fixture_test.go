package backend

import (
	"archive/zip"
	"bytes"
	"testing"
)

// otherToolProject is refiqda's nvivoProject fixture (see its tests for
// what each part exercises), zipped.
func otherToolProject(t *testing.T) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, data := range map[string]string{
		"Interviews.qde": otherToolQDE,
		"Sources/D0000000-0000-4000-8000-000000000001.txt": "\xEF\xBB\xBFHello there.\r\nThe cafe\u0301 was calm.\r\n",
	} {
		w, _ := zw.Create(name)
		w.Write([]byte(data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const otherToolQDE = `<?xml version="1.0" encoding="utf-8"?>
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
        <Coding guid="{F0000000-0000-4000-8000-000000000001}"><CodeRef targetGUID="{C0000000-0000-4000-8000-000000000001}"/></Coding>
      </PlainTextSelection>
      <PlainTextSelection guid="{E0000000-0000-4000-8000-000000000002}" startPosition="24" endPosition="32" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}">
        <Coding guid="{F0000000-0000-4000-8000-000000000002}"><CodeRef targetGUID="not-a-guid"/></Coding>
      </PlainTextSelection>
      <NoteRef targetGUID="{90000000-0000-4000-8000-000000000001}"/>
    </TextSource>
  </Sources>
  <Notes><Note guid="{90000000-0000-4000-8000-000000000001}" name="memo" creatingUser="{AAAAAAAA-0000-4000-8000-000000000001}"><PlainTextContent>Spoke slowly.</PlainTextContent></Note></Notes>
  <Sets></Sets>
</Project>
`
