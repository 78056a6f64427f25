package coding

import (
	"bytes"
	"math/rand"
	"reflect"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

// Texts that exercise YAML's quoting rules.
var trickyTexts = []string{
	"plain", "P01/helped", "9f86d081884c", "123456789012", "1e10", "0b1010", "0x1f", "0o17", "2026-01-31",
	"yes", "No", "ON", "null", "~", "true", "-", "-a", ".5", ".inf", "a: b", "# not a comment", "'quoted'", `"dq"`,
	"two\nlines", "trailing newline\n", "two trailing\n\n", "\nleading newline", " leading space", "trailing space ",
	"tab\tinside", "line with trailing space \nnext", "crlf\r\nline", "emoji 🙂 and accents café", "a  b", "",
	"colon:", "key: value\nmore", "[flow]", "{map}", "*alias", "&anchor", "!tag", "%percent", "@at", "`tick`",
	"| pipe", "> fold", strings.Repeat("long words without end ", 12), strings.Repeat("x", 200),
	"\u2028line separator", "nul\x00byte", "bom\ufeff", "indented\n  second\n    third", "blank\n\nline",
	"0xZZ", "0-5", "1.2.3", "123456789012345678901234", "1e", "1e5x", "1E5", "0x1F", "0B1", "00", "0.", "9.e3",
	"---", "...", "--- doc", "0", "007", "1_000", "+1", "-1", "3.14", "1:20", "2001-12-14t21:59:43.10-05:00",
}

func randomFile(rng *rand.Rand) *File {
	pick := func() string { return trickyTexts[rng.Intn(len(trickyTexts))] }
	nonEmpty := func() string {
		for {
			if s := pick(); s != "" {
				return s
			}
		}
	}
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := &File{Coder: "alice", Sequence: uint64(rng.Intn(3)), Memo: pick(), DocumentMemos: map[string]string{}}
	for i := 0; i < rng.Intn(4); i++ {
		f.Reviewed = append(f.Reviewed, nonEmpty())
		f.DocumentMemos[nonEmpty()] = nonEmpty()
	}
	for i := 0; i < rng.Intn(5); i++ {
		f.Segments = append(f.Segments, Segment{ID: nonEmpty(), Document: nonEmpty(), Start: i, End: i + 1 + rng.Intn(9),
			Codes: []string{nonEmpty(), nonEmpty()}, Memo: pick(), Hash: "0123456789ab"[:rng.Intn(13)], Created: at, Updated: at.Add(time.Hour)})
	}
	return f
}

func TestEmitterMatchesYAMLv3(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 2000; i++ {
		f := randomFile(rng)
		fast, err := f.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		ref, err := f.marshalReference()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(fast, ref) {
			t.Fatalf("emitter differs from yaml.v3:\n--- fast\n%s\n--- yaml.v3\n%s", fast, ref)
		}
		if _, err := Parse("f.yaml", fast); err != nil && !strings.Contains(err.Error(), "twice") && !strings.Contains(err.Error(), "empty") {
			t.Fatalf("emitted file refused: %v\n%s", err, fast)
		}
		// What Marshal writes, the fast reader reads, as yaml.v3 does.
		y, ok := parseCanonical(fast)
		if !ok {
			t.Fatalf("fast reader refused a canonical file:\n%s", fast)
		}
		got, errs := fromYAML("f.yaml", nil, &y)
		want, _, err := parseSlow("f.yaml", fast)
		if (len(errs) == 0) != (err == nil) || err == nil && !reflect.DeepEqual(got, want) {
			t.Fatalf("fast reader and yaml.v3 differ (%v / %v):\n%#v\n%#v\n%s", errs, err, got, want, fast)
		}
	}
}

// TestPlainSafeAgreesWithYAML: every string plainSafe lets through unquoted
// must read back as the same string.
func TestPlainSafeAgreesWithYAML(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const alphabet = "0123456789abcdefxoABEXO_-./yntrul"
	check := func(s string) {
		if !plainSafe(s) {
			return
		}
		var v map[string]any
		if err := yaml.Unmarshal([]byte("k: "+s+"\n"), &v); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		if got, ok := v["k"].(string); !ok || got != s {
			t.Fatalf("plain %q reads back as %#v", s, v["k"])
		}
	}
	// Every string quoteSafe lets through, yaml.v3 writes in plain double
	// quotes.
	checkQuoted := func(s string) {
		if plainSafe(s) || !quoteSafe(s) {
			return
		}
		m := mapping()
		add(m, "k", str(s))
		out, err := yaml.Marshal(m)
		if err != nil || string(out) != "k: \""+s+"\"\n" {
			t.Fatalf("quoteSafe(%q) but yaml.v3 writes %q (%v)", s, out, err)
		}
	}
	for _, s := range trickyTexts {
		check(s)
		checkQuoted(s)
	}
	for i := 0; i < 30000; i++ {
		b := make([]byte, 1+rng.Intn(8))
		for j := range b {
			b[j] = alphabet[rng.Intn(len(alphabet))]
		}
		check(string(b))
		checkQuoted(string(b))
	}
}
