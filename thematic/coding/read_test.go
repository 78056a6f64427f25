package coding

import (
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

// TestReadWithoutJournalMatchesReplay: with nothing left in the journal,
// Read returns the loaded file as it is; it must be exactly what the
// session's indexes would have given back.
func TestReadWithoutJournalMatchesReplay(t *testing.T) {
	dir := newStudy(t)
	s := openTest(t, dir)
	for _, c := range []struct {
		start, end int
		codes      []string
	}{{5, 10, []string{"b"}}, {0, 4, []string{"c", "a"}}, {0, 2, []string{"a"}}} {
		if _, err := s.Code(docB, c.start, c.end, c.codes, ""); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Code(docA, c.start, c.end, c.codes, "memo"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := Read(dir, "alice")
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load(filepath.Join(dir, "coding", "alice.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := newState(f).file()
	if len(got.Segments) != 6 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Read gives\n%#v\nreplay gives\n%#v", got, want)
	}
	// The empty coding of a coder without a file reads alike both ways.
	got, err = Read(dir, "nobody")
	if err != nil {
		t.Fatal(err)
	}
	if want := newState(&File{Coder: "nobody", DocumentMemos: map[string]string{}}).file(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Read gives\n%#v\nreplay gives\n%#v", got, want)
	}
}

func TestParseCanonicalTime(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
	}{
		{"2026-01-31T14:05:09Z", time.Date(2026, 1, 31, 14, 5, 9, 0, time.UTC), true},
		{"2024-02-29T23:59:59Z", time.Date(2024, 2, 29, 23, 59, 59, 0, time.UTC), true}, // leap year
		{"0000-01-01T00:00:00Z", time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"2026-02-29T00:00:00Z", time.Time{}, false}, // 2026 is not a leap year
		{"2026-04-31T00:00:00Z", time.Time{}, false},
		{"2026-00-10T00:00:00Z", time.Time{}, false},
		{"2026-01-00T00:00:00Z", time.Time{}, false},
		{"2026-01-01T24:00:00Z", time.Time{}, false},
		{"2026-01-01T00:60:00Z", time.Time{}, false},
		{"2026-01-01T00:00:60Z", time.Time{}, false}, // time.Parse refuses leap seconds too
		{"2026-01-01T00:00:00+01:00", time.Time{}, false},
		{"2026-01-01 00:00:00Z", time.Time{}, false},
		{"2026-01-0aT00:00:00Z", time.Time{}, false},
	}
	for _, tt := range tests {
		got, ok := parseCanonicalTime(tt.in)
		if ok != tt.ok || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseCanonicalTime(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// FuzzParseTime holds the hand-written reader of canonical times to
// time.Parse: same acceptance, same value (as reflect.DeepEqual sees it,
// which FuzzParse's comparison of whole files relies on).
func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"2026-01-31T14:05:09Z", "2024-02-29T23:59:59Z", "2026-02-29T00:00:00Z",
		"2026-01-01T00:00:00.5+01:00", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2026-01-01t00:00:00z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, wantOK := timeParseReference(s)
		got, ok := parseTime(s)
		if ok != wantOK || !reflect.DeepEqual(got, want) {
			t.Fatalf("parseTime(%q) = %#v, %v; time.Parse gives %#v, %v", s, got, ok, want, wantOK)
		}
	})
}

// timeParseReference is parseTime as it was before the hand-written
// reader: time.Parse alone.
func timeParseReference(s string) (time.Time, bool) {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC().Truncate(time.Second), true
}
