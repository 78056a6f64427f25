package corpus

import (
	"errors"
	"testing"
	"unicode/utf8"
)

func TestDecodeText(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  string
	}{
		{"plain UTF-8", []byte("id,text\nP1,hi\n"), "id,text\nP1,hi\n", EncUTF8},
		{"UTF-8 BOM stripped", []byte("\xEF\xBB\xBFcaf\xC3\xA9"), "café", EncUTF8BOM},
		// "hi" is 68 00 69 00 in UTF-16LE, 00 68 00 69 in UTF-16BE.
		{"UTF-16LE with BOM", []byte("\xFF\xFEh\x00i\x00"), "hi", EncUTF16LEBOM},
		{"UTF-16BE with BOM", []byte("\xFE\xFF\x00h\x00i"), "hi", EncUTF16BEBOM},
		{"UTF-16LE without BOM", []byte("i\x00d\x00,\x00x\x00\r\x00\n\x00"), "id,x\n", EncUTF16LE},
		{"UTF-16BE without BOM", []byte("\x00i\x00d\x00,\x00x\x00\n"), "id,x\n", EncUTF16BE},
		// £ is U+00A3 (A3 00 in LE); 😊 is U+1F60A, the surrogate pair
		// D83D DE0A, written 3D D8 0A DE in LE.
		{"UTF-16LE pound and emoji", []byte("\xFF\xFE\xA3\x00" + "5\x00 \x00\x3D\xD8\x0A\xDE"), "£5 😊", EncUTF16LEBOM},
		{"UTF-16BE emoji", []byte("\xFE\xFF\xD8\x3D\xDE\x0A"), "😊", EncUTF16BEBOM},
		// Windows-1252: 93/94 are curly double quotes U+201C/U+201D, 92 the
		// right single quote U+2019, A3 is £, E9 is é, 80 is €.
		{"Windows-1252", []byte("\x93Caf\xE9\x94 costs \xA35 or \x805, it\x92s fine"), "“Café” costs £5 or €5, it’s fine", EncWindows1252},
		{"CRLF and lone CR", []byte("a\r\nb\rc\n"), "a\nb\nc\n", EncUTF8},
		// e + U+0301 COMBINING ACUTE ACCENT composes to U+00E9.
		{"NFC", []byte("Cafe\u0301"), "Caf\u00E9", EncUTF8},
		{"empty", []byte{}, "", EncUTF8},
		{"doubled BOM", []byte("\xEF\xBB\xBF\xEF\xBB\xBFid"), "id", EncUTF8BOM},
		{"BOM of a joined file", []byte("a\n\xEF\xBB\xBFb\n"), "a\nb\n", EncUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := DecodeText(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("text %q, want %q", got, tt.want)
			}
			if enc != tt.enc {
				t.Errorf("encoding %s, want %s", enc, tt.enc)
			}
		})
	}
}

func TestDecodeTextNFCCodePoints(t *testing.T) {
	// "Cafe\u0301" is 5 code points; composed "Café" is 4, so offsets
	// counted by two tools agree only after NFC.
	got, _, _ := DecodeText([]byte("Cafe\u0301 ok"))
	if n := utf8.RuneCountInString(got); n != 7 {
		t.Errorf("%d code points, want 7 (C a f é space o k)", n)
	}
}

func TestDecodeTextBinary(t *testing.T) {
	if _, _, err := DecodeText([]byte("a\x00b")); !errors.Is(err, ErrBinary) {
		t.Errorf("err = %v, want ErrBinary", err)
	}
}
