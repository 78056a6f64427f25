// Package uuid5 makes name-based UUIDs (version 5, SHA-1; RFC 4122 §4.3):
// the same name in the same name space always gives the same UUID, which
// is what stable REFI-QDA GUIDs derived from mixeval's ids need.
package uuid5

import (
	"crypto/sha1"
	"encoding/hex"
)

// UUID is a UUID's 16 bytes.
type UUID [16]byte

// New returns the version 5 UUID of name in space: SHA-1 of the space's
// bytes and the name, first 16 bytes, version 5 in the high nibble of
// byte 6, variant 10 in the top bits of byte 8.
func New(space UUID, name string) UUID {
	h := sha1.New()
	h.Write(space[:])
	h.Write([]byte(name))
	var u UUID
	copy(u[:], h.Sum(nil))
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return u
}

// String is the UUID in its canonical lower-case 8-4-4-4-12 form.
func (u UUID) String() string {
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:36], u[10:16])
	return string(b[:])
}
