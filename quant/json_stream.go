package quant

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// writeResultJSON writes r as WriteJSON's indented JSON, streaming the
// patients: a million of them would otherwise be built in memory (about
// 2 GB through encoding/json) before a byte is written.
func writeResultJSON(w io.Writer, r *Result) error {
	rest := *r
	rest.Patients = nil
	head, err := json.MarshalIndent(&rest, "", "  ")
	if err != nil {
		return err
	}
	if len(r.Patients) == 0 {
		_, err := w.Write(append(head, '\n'))
		return err
	}
	// The patients go where encoding/json puts them: just before "table".
	at := bytes.Index(head, []byte(",\n  \"table\": "))
	if at < 0 {
		return json.NewEncoder(w).Encode(r) // cannot happen: table is never omitted
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:at])
	bw.WriteString(",\n  \"patients\": [\n")
	var b []byte
	for i, p := range r.Patients {
		b = append(b[:0], "    "...)
		b = appendPatient(b, p, true)
		if i < len(r.Patients)-1 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		bw.Write(b)
	}
	bw.WriteString("  ]")
	bw.Write(head[at:])
	bw.WriteByte('\n')
	return bw.Flush()
}

// appendPatient formats one patient as JSON: compact, or indented exactly
// as encoding/json indents it at the depth of WriteJSON's patient list.
func appendPatient(b []byte, p Patient, indent bool) []byte {
	sep, colon, end := ",", ":", "}"
	b = append(b, '{')
	if indent {
		sep, colon, end = ",\n      ", ": ", "\n    }"
		b = append(b, "\n      "...)
	}
	key := func(k string) {
		b = append(b, '"')
		b = append(b, k...)
		b = append(b, '"')
		b = append(b, colon...)
	}
	str := func(k, v string) {
		b = append(b, sep...)
		key(k)
		if v == "" {
			b = append(b, "null"...)
			return
		}
		b = append(b, '"')
		b = append(b, v...)
		b = append(b, '"')
	}
	key("id")
	b = appendJSONString(b, p.ID)
	for _, f := range []struct {
		key string
		v   float64
	}{{"pre", p.Pre}, {"post", p.Post}, {"change", p.Change}, {"rci", p.RCI}} {
		b = append(b, sep...)
		key(f.key)
		b = appendJSONFloat(b, f.v)
	}
	rc := p.ReliableChange.String()
	if p.ReliableChange == ChangeNotComputable {
		rc = ""
	}
	str("reliable_change", rc)
	str("clinical_significance", p.ClinicalSignificance.String())
	if p.Category != NoCategory {
		str("category", nullIf(p.Category.String(), p.Category == CategoryNotComputable))
	}
	if p.Percentage != NoClass {
		b = append(b, sep...)
		key("pct_change")
		b = appendJSONFloat(b, p.PctChange)
		str("percentage_change", nullIf(p.Percentage.String(), p.Percentage == ClassNotComputable))
	}
	if p.Anchor != NoClass {
		str("anchor_change", nullIf(p.Anchor.String(), p.Anchor == ClassNotComputable))
	}
	return append(b, end...)
}

func nullIf(s string, null bool) string {
	if null {
		return ""
	}
	return s
}

// appendJSONFloat follows encoding/json: shortest representation, 'e'
// notation below 1e-6 and from 1e21, with a one-digit negative exponent
// written without padding (1e-7, not 1e-07). NaN and infinities, which
// JSON cannot hold, are null.
func appendJSONFloat(b []byte, f float64) []byte {
	if !finite(f) {
		return append(b, "null"...)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

// appendJSONString quotes plain ASCII ids directly and leaves everything
// else (escapes, HTML-sensitive characters, non-ASCII) to encoding/json.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}
