package codebook

import (
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Sense of belonging", "sense-of-belonging"},
		{"  Flourishing — growth beyond pain ", "flourishing-growth-beyond-pain"},
		{"Sécurité émotionnelle", "securite-emotionnelle"},
		{"Patient's voice", "patients-voice"},
		{"Straße", "strasse"},
		{"COVID-19 & online", "covid-19-online"},
		{"--x--", "x"},
		{"日本語", ""},
		{"", ""},
		// 70 characters in words of 9 + hyphen: cut back to the last
		// hyphen at or before 64, giving six words (59 characters).
		{strings.Repeat("abcdefghi ", 7), strings.TrimSuffix(strings.Repeat("abcdefghi-", 6), "-")},
		// One long word is cut at 64.
		{strings.Repeat("a", 70), strings.Repeat("a", 64)},
	}
	for _, tt := range tests {
		got := Slug(tt.in)
		if got != tt.want {
			t.Errorf("Slug(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got != "" && checkSlug(got) != "" {
			t.Errorf("Slug(%q) = %q is not a valid id: %s", tt.in, got, checkSlug(got))
		}
	}
}

func TestNewID(t *testing.T) {
	cb := base(t)
	cb.History = append(cb.History, Event{What: OpMerge, Who: "bob", When: fixedWhen, ID: "old-code", To: "peers"})
	tests := []struct {
		name string
		kind Kind
		want string
	}{
		{"Feeling safe", Code, "feeling-safe"},
		{"Peers", Code, "peers-2"},
		{"Old code", Code, "old-code-2"}, // retired by the merge in the history
		{"日本語", Code, "code"},
		{"日本語", Theme, "theme"},
		{"Belonging", Theme, "belonging-2"},
	}
	for _, tt := range tests {
		if got := cb.NewID(tt.name, tt.kind); got != tt.want {
			t.Errorf("NewID(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	// A suffix on a 64-character slug keeps the id within the limit.
	long := strings.Repeat("a", 64)
	cb.Codes = append(cb.Codes, &Node{ID: long, Name: "A", Kind: Code})
	if got := cb.NewID(long, Code); got != strings.Repeat("a", 62)+"-2" {
		t.Errorf("NewID(long) = %q", got)
	}
}
