package codebook

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/mixeval/mixeval/internal/atomicfile"
	"github.com/mixeval/mixeval/internal/yamlutil"
)

// Marshal renders the codebook in its canonical form: keys in struct order,
// two-space indent, block style throughout, multi-line text as literal
// blocks, empty optional fields left out. Loading a file written this way
// and marshalling it again gives the same bytes.
func (cb *Codebook) Marshal() ([]byte, error) {
	out := *cb
	if out.Version == 0 {
		out.Version = FormatVersion
	}
	var doc yaml.Node
	if err := doc.Encode(&out); err != nil {
		return nil, fmt.Errorf("encode codebook: %w", err)
	}
	plainTimes(&doc)
	restore := maskAstral(&doc)
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, fmt.Errorf("encode codebook: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode codebook: %w", err)
	}
	return restore(buf.Bytes()), nil
}

// plainTimes lets history times be written unquoted: they are strings in
// Go, which yaml.v3 would quote because they look like timestamps.
func plainTimes(doc *yaml.Node) {
	history := yamlutil.Lookup(doc, "history")
	if history == nil {
		return
	}
	for _, e := range history.Content {
		if w := yamlutil.Lookup(e, "when"); w != nil {
			if _, err := time.Parse(time.RFC3339, w.Value); err == nil {
				w.Tag, w.Style = "!!timestamp", 0
			}
		}
	}
}

// maskAstral works around yaml.v3 treating every character outside the
// Basic Multilingual Plane (emoji among them) as unprintable: it would
// write such text double-quoted with \U escapes, turning a multi-line memo
// into one long escaped line. Each such character is swapped for an unused
// private-use character (which yaml.v3 writes as is) before encoding, and
// swapped back in the output. If the private-use area runs out, the
// remaining characters keep yaml.v3's escapes, which still read back
// correctly.
func maskAstral(doc *yaml.Node) func([]byte) []byte {
	used := map[rune]bool{}
	var astral []rune
	seen := map[rune]bool{}
	var scan func(n *yaml.Node)
	scan = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode && n.Style == yaml.DoubleQuotedStyle && strings.IndexFunc(n.Value, func(r rune) bool { return r > 0xFFFF }) >= 0 {
			// Node.Encode already ran the emitter, which forced double
			// quotes; let the final encode choose again.
			n.Style = 0
			if strings.Contains(n.Value, "\n") {
				n.Style = yaml.LiteralStyle
			}
		}
		for _, r := range n.Value {
			switch {
			case r > 0xFFFF && !seen[r]:
				seen[r] = true
				astral = append(astral, r)
			case r >= 0xE000 && r <= 0xF8FF:
				used[r] = true
			}
		}
		for _, c := range n.Content {
			scan(c)
		}
	}
	scan(doc)
	if len(astral) == 0 {
		return func(b []byte) []byte { return b }
	}
	mask := map[rune]rune{}
	next := rune(0xE000)
	for _, r := range astral {
		for next <= 0xF8FF && used[next] {
			next++
		}
		if next > 0xF8FF {
			break
		}
		mask[r] = next
		next++
	}
	var apply func(n *yaml.Node)
	apply = func(n *yaml.Node) {
		if strings.IndexFunc(n.Value, func(r rune) bool { return mask[r] != 0 }) >= 0 {
			n.Value = strings.Map(func(r rune) rune {
				if m := mask[r]; m != 0 {
					return m
				}
				return r
			}, n.Value)
		}
		for _, c := range n.Content {
			apply(c)
		}
	}
	apply(doc)
	pairs := make([]string, 0, 2*len(mask))
	for r, m := range mask {
		pairs = append(pairs, string(m), string(r))
	}
	return func(b []byte) []byte {
		if !utf8.Valid(b) {
			return b
		}
		return []byte(strings.NewReplacer(pairs...).Replace(string(b)))
	}
}

// Save validates the codebook and writes it atomically to path: a crash
// leaves either the old file or the new one.
func (cb *Codebook) Save(path string) error {
	if err := cb.Validate(); err != nil {
		return fmt.Errorf("not saving %s: %w", path, err)
	}
	data, err := cb.Marshal()
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(path, data, 0o644)
}
