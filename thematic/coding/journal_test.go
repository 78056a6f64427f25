package coding

import (
	"bytes"
	"encoding/binary"
	"errors"
	"reflect"
	"testing"
)

func encodeAll(t *testing.T, recs ...record) []byte {
	t.Helper()
	var out, buf bytes.Buffer
	for i := range recs {
		if err := encodeRecord(&buf, &recs[i]); err != nil {
			t.Fatal(err)
		}
		out.Write(buf.Bytes())
	}
	return out.Bytes()
}

func TestJournalScan(t *testing.T) {
	r1 := record{Seq: 1, Op: opCode, Time: 100, Segs: []recordSegment{{ID: "a", Doc: "d", Start: 0, End: 2, Codes: []string{"x"}}}}
	r2 := record{Seq: 2, Op: opMemo, Time: 101, Text: "mxj1 inside text"}
	r3 := record{Seq: 3, Op: opReview, Time: 102, Docs: []string{"d"}}
	good := encodeAll(t, r1, r2, r3)
	len12 := len(encodeAll(t, r1, r2))
	len1 := len(encodeAll(t, r1))

	zeroLenHeader := append(append([]byte(nil), good[:len12]...), "mxj1\x00\x00\x00\x00\x00\x00\x00\x00"...)
	hugeLen := append(append([]byte(nil), good[:len12]...), "mxj1"...)
	hugeLen = binary.LittleEndian.AppendUint32(hugeLen, 1<<30)
	hugeLen = append(hugeLen, 0, 0, 0, 0)
	gap := encodeAll(t, r1, r3)
	// A byte of the last record's text (not its sequence number) flipped.
	lastFlipped := append([]byte(nil), good...)
	lastFlipped[len12+bytes.Index(good[len12:], []byte(`"docs":["d"]`))+len(`"docs":["`)] = 'e'
	midDamage := append([]byte(nil), good...)
	midDamage[len1+headerLen+2] ^= 1

	tests := []struct {
		name     string
		data     []byte
		wantSeqs []uint64
		wantGood int
		corrupt  bool
	}{
		{"empty", nil, nil, 0, false},
		{"three records", good, []uint64{1, 2, 3}, len(good), false},
		{"last record cut short", good[:len(good)-3], []uint64{1, 2}, len12, false},
		{"only part of a header", good[:len12+5], []uint64{1, 2}, len12, false},
		{"zero length record", zeroLenHeader, nil, 0, true},
		{"length beyond the limit", hugeLen, nil, 0, true},
		{"garbage instead of records", []byte("my shopping list\nmilk\n"), nil, 0, true},
		{"garbage after records", append(append([]byte(nil), good...), "not a record"...), nil, 0, true},
		{"whole last record with a wrong checksum", lastFlipped, nil, 0, true},
		{"a header and part of its payload", good[:len12+headerLen+3], []uint64{1, 2}, len12, false},
		{"trailing zeros", append(append([]byte(nil), good...), make([]byte, 40)...), []uint64{1, 2, 3}, len(good), false},
		{"damage before a good record", midDamage, nil, 0, true},
		{"numbers jump", gap, nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, n, err := scanJournal("j.log", tt.data)
			var ce *CorruptJournalError
			if tt.corrupt {
				if !errors.As(err, &ce) {
					t.Fatalf("err = %v, want corruption", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var seqs []uint64
			for _, r := range recs {
				seqs = append(seqs, r.Seq)
			}
			if !reflect.DeepEqual(seqs, tt.wantSeqs) || n != tt.wantGood {
				t.Fatalf("records %v, intact %d; want %v, %d", seqs, n, tt.wantSeqs, tt.wantGood)
			}
		})
	}
	recs, _, _ := scanJournal("j.log", good)
	if !reflect.DeepEqual(recs[0], r1) || recs[1].Text != r2.Text {
		t.Fatalf("decoded %+v", recs)
	}
}

// FuzzJournal: any bytes give records or an error, never a panic, and the
// intact prefix re-scans to the same records.
func FuzzJournal(f *testing.F) {
	var buf bytes.Buffer
	r := record{Seq: 1, Op: opCode, Segs: []recordSegment{{ID: "a", Doc: "d", Start: 0, End: 2, Codes: []string{"x"}}}}
	encodeRecord(&buf, &r)
	f.Add(append([]byte(nil), buf.Bytes()...))
	f.Add([]byte("mxj1\x05\x00\x00\x00abcd{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		recs, n, err := scanJournal("j.log", data)
		if err != nil {
			return
		}
		if n < 0 || n > len(data) {
			t.Fatalf("intact length %d of %d", n, len(data))
		}
		again, n2, err := scanJournal("j.log", data[:n])
		if err != nil || n2 != n || len(again) != len(recs) {
			t.Fatalf("prefix re-scan: %v %d %d", err, n2, len(again))
		}
		st := newState(&File{Coder: "a"})
		for i := range recs {
			st.apply(&recs[i]) // never panics, whatever the record says
		}
		if _, err := st.file().Marshal(); err != nil {
			t.Fatalf("replayed state cannot be saved: %v", err)
		}
	})
}
