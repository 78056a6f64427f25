package privacy

import (
	"reflect"
	"testing"
	"unicode/utf8"
)

// FuzzDetect: the detector never panics, and every finding is a non-empty
// span inside the text, in order, not overlapping, of a known kind; the
// redacted text's mapped spans slice it.
func FuzzDetect(f *testing.F) {
	for _, s := range []string{
		"", "a", "@", "+44", "(0", "0044 (0)20 7946 0000", "943 476 5919", "LS6 1AB ec1a1bb GIR 0AA",
		"born 12th of March 1968, DOB 03/04/72", "Dr J. Smith", "my husband, Dave O'Brien's",
		"😊 Zoë Smith-Jones jo@x.org", "1/2/", "12th of", "May", "Sarah ", "d.o.b", "\xff\xfe born 1.1.1900",
	} {
		f.Add(s)
	}
	d := NewDetector([]string{"Sarah Whitfield", "Will", "Ñoño"})
	f.Fuzz(func(t *testing.T, text string) {
		ms := d.Detect(text)
		n := utf8.RuneCountInString(text)
		prev := 0
		for _, m := range ms {
			if m.Start < prev || m.End <= m.Start || m.End > n || !m.Kind.Valid() || m.Rule == "" {
				t.Fatalf("%q: bad finding %+v (previous end %d, length %d)", text, m, prev, n)
			}
			prev = m.End
		}
		red, om := Redact(text, ms)
		rn := utf8.RuneCountInString(red)
		for _, m := range ms {
			if s, e := om.Span(m.Start, m.End); s < 0 || s > e || e > rn {
				t.Fatalf("%q: span %+v maps to %d-%d of %d", text, m, s, e, rn)
			}
		}
		if om.End(n) != rn {
			t.Fatalf("%q: the end maps to %d, not %d", text, om.End(n), rn)
		}
	})
}

// FuzzParse: privacy.yaml never panics the reader, and what it accepts it
// writes back in a form that reads the same.
func FuzzParse(f *testing.F) {
	good, _ := (&File{Decisions: []Decision{
		decision("P01/helped", "0123456789ab", 0, 5, KindName, ActionAllow, "consent"),
		decision("P02/helped", "0123456789ab", 3, 15, KindPhone, ActionRedact, ""),
	}}).Marshal()
	for _, s := range []string{
		string(good), "", "version: 1\n", "decisions: []\n", "decisions:\n  - doc: x\n", "version: [\n",
		"decisions: {a: b}\n", "decisions:\n  - at: notatime\n", "&a [*a]", "version: 99999999999999999999\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		pf, err := Parse("privacy.yaml", data)
		if err != nil {
			return
		}
		out, err := pf.Marshal()
		if err != nil {
			t.Fatalf("accepted but cannot write: %v", err)
		}
		back, err := Parse("privacy.yaml", out)
		if err != nil {
			t.Fatalf("written form does not read back: %v\n%s", err, out)
		}
		a, b := append([]Decision(nil), pf.Decisions...), back.Decisions
		SortDecisions(a)
		for i := range a {
			a[i].At = a[i].At.UTC()
		}
		if len(a) != len(b) || len(a) > 0 && !reflect.DeepEqual(a, b) {
			t.Fatalf("round trip changed the decisions:\n%+v\n%+v", a, b)
		}
	})
}
