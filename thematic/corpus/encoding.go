package corpus

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// Encoding names reported by DecodeText.
const (
	EncUTF8        = "UTF-8"
	EncUTF8BOM     = "UTF-8 with BOM"
	EncUTF16LE     = "UTF-16LE"
	EncUTF16BE     = "UTF-16BE"
	EncUTF16LEBOM  = "UTF-16LE with BOM"
	EncUTF16BEBOM  = "UTF-16BE with BOM"
	EncWindows1252 = "Windows-1252"
)

// ErrBinary is returned for input that is not text in any encoding we know.
var ErrBinary = errors.New("file holds NUL bytes: it is not a text file (save it as CSV UTF-8, or import the .xlsx itself)")

// DecodeText turns the bytes of a text file into normalised text: UTF-8,
// Unicode NFC, LF line endings, no byte order mark. It also returns the
// encoding it detected. Detection, in order:
//
//  1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE);
//  2. UTF-16 without a BOM, recognised by the zero high bytes that Latin
//     text has in every other position;
//  3. valid UTF-8;
//  4. otherwise Windows-1252, what Excel on Windows writes for "CSV".
//
// Windows-1252 decodes every byte, so DecodeText only fails on text that
// still holds NUL characters after decoding.
func DecodeText(b []byte) (string, string, error) {
	s, enc := decodeBytes(b)
	if strings.ContainsRune(s, 0) {
		return "", enc, ErrBinary
	}
	return NormalizeText(s), enc, nil
}

// NormalizeText converts line endings (CRLF, lone CR) to LF and composes the
// text to Unicode NFC, so that "é" typed on a Mac (e + combining acute) and
// on Windows (one code point) are the same text with the same offsets. It
// also removes U+FEFF: a byte order mark left inside the text when files
// were joined or re-saved, invisible and never meant as content.
func NormalizeText(s string) string {
	if strings.ContainsRune(s, '\uFEFF') {
		s = strings.ReplaceAll(s, "\uFEFF", "")
	}
	if strings.ContainsRune(s, '\r') {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return norm.NFC.String(s)
}

func decodeBytes(b []byte) (string, string) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return toValidUTF8(b[3:]), EncUTF8BOM
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return decodeUTF16(b[2:], false), EncUTF16LEBOM
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeUTF16(b[2:], true), EncUTF16BEBOM
	}
	if bigEndian, ok := looksUTF16(b); ok {
		if bigEndian {
			return decodeUTF16(b, true), EncUTF16BE
		}
		return decodeUTF16(b, false), EncUTF16LE
	}
	if utf8.Valid(b) {
		return string(b), EncUTF8
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		// The Windows-1252 decoder maps every byte; this is unreachable,
		// but falling back keeps bad input from ever failing here.
		return toValidUTF8(b), EncUTF8
	}
	return string(s), EncWindows1252
}

// looksUTF16 recognises BOM-less UTF-16 by its zero bytes: in text that is
// mostly Latin script, one byte of every pair is zero. It needs an even
// length and at least 40% of the pairs zero on one side and almost none on
// the other.
func looksUTF16(b []byte) (bigEndian, ok bool) {
	if len(b) < 2 || len(b)%2 != 0 {
		return false, false
	}
	var zeroEven, zeroOdd int
	for i := 0; i+1 < len(b); i += 2 {
		if b[i] == 0 {
			zeroEven++
		}
		if b[i+1] == 0 {
			zeroOdd++
		}
	}
	pairs := len(b) / 2
	switch {
	case zeroOdd*10 >= pairs*4 && zeroEven*10 < pairs:
		return false, true
	case zeroEven*10 >= pairs*4 && zeroOdd*10 < pairs:
		return true, true
	}
	return false, false
}

func decodeUTF16(b []byte, bigEndian bool) string {
	units := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		if bigEndian {
			units = append(units, uint16(b[i])<<8|uint16(b[i+1]))
		} else {
			units = append(units, uint16(b[i+1])<<8|uint16(b[i]))
		}
	}
	// A lone surrogate decodes to U+FFFD, so the result is valid UTF-8.
	s := string(utf16.Decode(units))
	if len(b)%2 == 1 {
		s += string(utf8.RuneError)
	}
	return s
}

func toValidUTF8(b []byte) string {
	return strings.ToValidUTF8(string(b), "\uFFFD")
}
