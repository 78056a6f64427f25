package codebook

import (
	"fmt"
	"testing"
	"time"
)

// bigCodebook has 40 themes × 5 subthemes × 10 codes (2,000 codes, 240
// themes), each with a two-line definition, and 500 history entries:
// larger than any codebook a small evaluation team builds.
func bigCodebook(b *testing.B) []byte { return sizedCodebook(b, 40, 5, 10, 500) }

// typicalCodebook is a large real one: 8 themes × 3 subthemes × 10 codes
// (240 codes), 300 history entries.
func typicalCodebook(b *testing.B) []byte { return sizedCodebook(b, 8, 3, 10, 300) }

func sizedCodebook(b *testing.B, themes, subs, codes, history int) []byte {
	b.Helper()
	cb := New()
	cb.Clock = func() time.Time { return time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC) }
	for i := range themes {
		th, err := cb.Create("alice", NewNode{Kind: Theme, Name: fmt.Sprintf("Theme %d", i), Definition: "line one\nline two\n"})
		if err != nil {
			b.Fatal(err)
		}
		for j := range subs {
			sub, err := cb.Create("alice", NewNode{Kind: Theme, Name: fmt.Sprintf("Subtheme %d %d", i, j), Parent: th.ID})
			if err != nil {
				b.Fatal(err)
			}
			for k := range codes {
				if _, err := cb.Create("bob", NewNode{Kind: Code, Name: fmt.Sprintf("Code %d %d %d", i, j, k), Parent: sub.ID, Definition: "what it means\nand what not"}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	cb.History = cb.History[:min(history, len(cb.History))]
	data, err := cb.Marshal()
	if err != nil {
		b.Fatal(err)
	}
	return data
}

func BenchmarkParse(b *testing.B) {
	data := bigCodebook(b)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse("big.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshal(b *testing.B) {
	cb, err := Parse("big.yaml", bigCodebook(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := cb.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMarshalTypical(b *testing.B) {
	cb, err := Parse("typical.yaml", typicalCodebook(b))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := cb.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseTypical(b *testing.B) {
	data := typicalCodebook(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Parse("typical.yaml", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRename is one UI edit on the big codebook: find, change, record.
func BenchmarkRename(b *testing.B) {
	cb, err := Parse("big.yaml", bigCodebook(b))
	if err != nil {
		b.Fatal(err)
	}
	names := [2]string{"Renamed", "Renamed again"}
	i := 0
	b.ResetTimer()
	for b.Loop() {
		if err := cb.Rename("alice", "code-39-4-9", names[i%2]); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
