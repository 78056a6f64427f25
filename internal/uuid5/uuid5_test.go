package uuid5

import "testing"

// Python's uuid.uuid5(uuid.NAMESPACE_DNS, "python.org"), the example of
// its documentation.
func TestPythonExample(t *testing.T) {
	dns := UUID{0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	if got, want := New(dns, "python.org").String(), "886313e1-3b8a-5372-9b90-0c9aee199e5d"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
