package corpus

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/mixeval/mixeval/study"
)

// A streamed import gives what the in-memory import gives, byte for byte:
// the normalised copy, the manifest, the counts and, on a re-import, the
// changed documents. Each file is imported both ways into its own study.
func TestStreamedImportMatchesInMemory(t *testing.T) {
	const header = "Respondent,What helped?,Online?,group\r\n"
	files := map[string]string{
		"plain": header + "P01,Breathing,Easy,1\r\nP02,\"The letters, and \"\"calm\"\"\r\nsecond line\",,2\r\n\r\nP03,  Cafe\u0301 😊  ,Good\r\nP04,,,3\r\n",
		"bom":   "\xEF\xBB\xBF" + header + "P01,a,b,1\nP02,c,d,2\n",
		"sep":   "sep=;\nRespondent;What helped?;Online?;group\nP01;a, b;c;1\nP02;d;e;2\n",
		"qualtrics": "ResponseId,Q1,Q2,group\nResponse ID,What helped?,Online?,Group\n" +
			`"{""ImportId"":""_recordId""}","{""ImportId"":""QID1""}","{""ImportId"":""QID2""}","{""ImportId"":""QID3""}"` + "\nR1,x,y,1\nR2,z,,2\n",
	}
	maps := map[string]ImportOptions{
		"qualtrics": {ID: "ResponseId", Texts: []TextMapping{{Column: "Q1", Label: "helped"}, {Column: "Q2", Label: "online"}}, Attrs: []string{"group"}},
	}
	for name, content := range files {
		t.Run(name, func(t *testing.T) {
			src := filepath.Join(t.TempDir(), "form.csv")
			os.WriteFile(src, []byte(content), 0o644)
			opt, ok := maps[name]
			if !ok {
				opt = ImportOptions{ID: "Respondent", Texts: []TextMapping{{Column: "What helped?", Label: "helped"}, {Column: "Online?", Label: "online"}}, Attrs: []string{"group"}}
			}
			opt.Path = src
			var got [2]*ImportResult
			var dirs [2]string
			for k, from := range []int64{0, 1} {
				s := newStudy(t)
				dirs[k] = s.Dir
				o := opt
				o.streamFrom = from
				if from == 1 {
					if in, ok, err := openCSVStream(src, src, true); err != nil || !ok {
						t.Fatalf("the stream does not read this file (%v)", err)
					} else {
						in.close()
					}
				}
				res, err := Import(s, o)
				if err != nil {
					t.Fatal(err)
				}
				got[k] = res
			}
			for _, f := range []string{"sources/form.csv", study.ManifestName, "sources/form.original.csv"} {
				a, _ := os.ReadFile(filepath.Join(dirs[0], f))
				b, _ := os.ReadFile(filepath.Join(dirs[1], f))
				if !bytes.Equal(a, b) || len(a) == 0 {
					t.Errorf("%s differs:\nin memory %q\nstreamed  %q", f, a, b)
				}
			}
			m, st := got[0], got[1]
			if st.Documents != nil {
				t.Error("the streamed import held its documents")
			}
			if m.Count != st.Count || m.Respondents != st.Respondents || m.Empty != st.Empty || m.Encoding != st.Encoding || m.Delimiter != st.Delimiter {
				t.Errorf("in memory %+v\nstreamed %+v", m, st)
			}
		})
	}

	// A re-import lists the same changed and gone documents both ways.
	v1 := "id,text\nP01,one\nP02,two\nP03,three\n"
	v2 := "id,text\nP01,one\nP02,TWO\nP04,four\n"
	var changed [2][]string
	for k, from := range []int64{0, 1} {
		s := newStudy(t)
		src := filepath.Join(t.TempDir(), "form.csv")
		opt := ImportOptions{Path: src, ID: "id", Texts: []TextMapping{{Column: "text"}}, streamFrom: from}
		os.WriteFile(src, []byte(v1), 0o644)
		if _, err := Import(s, opt); err != nil {
			t.Fatal(err)
		}
		s, _ = study.Load(s.Dir)
		os.WriteFile(src, []byte(v2), 0o644)
		res, err := Import(s, ImportOptions{Path: src, streamFrom: from})
		if err != nil {
			t.Fatal(err)
		}
		changed[k] = res.Changed
	}
	if want := []string{"P02/text", "P03/text"}; !reflect.DeepEqual(changed[0], want) || !reflect.DeepEqual(changed[1], want) {
		t.Errorf("changed: in memory %v, streamed %v, want %v", changed[0], changed[1], want)
	}
}

// Files the stream does not read exactly as the in-memory import does go
// to the in-memory import.
func TestStreamLeavesOddFilesToMemory(t *testing.T) {
	for name, content := range map[string]string{
		"windows-1252": "id,text\nP01,caf\xe9\n",
		"utf-16":       "\xFF\xFEi\x00d\x00\n\x00",
		"lone CR":      "id,text\rP01,a\r",
		"inner BOM":    "id,text\nP01,\xEF\xBB\xBFa\n",
	} {
		src := filepath.Join(t.TempDir(), "f.csv")
		os.WriteFile(src, []byte(content), 0o644)
		if _, ok, err := openCSVStream(src, src, true); ok || err != nil {
			t.Errorf("%s: streamed (err %v)", name, err)
		}
	}
	// Ordinary text with long lines is streamed.
	src := filepath.Join(t.TempDir(), "f.csv")
	os.WriteFile(src, []byte("id,text\n"+strings.Repeat("P01,words and words\n", 10)), 0o644)
	if in, ok, err := openCSVStream(src, src, true); !ok || err != nil {
		t.Errorf("plain UTF-8 not streamed (err %v)", err)
	} else {
		in.close()
	}
}
