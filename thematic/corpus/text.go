package corpus

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mixeval/mixeval/internal/safefile"
)

// Text imports hold one answer per .txt file. They become a two-column table,
// TextIDColumn and TextColumn, the respondent id being the file name without
// its extension.
const (
	TextIDColumn = "id"
	TextColumn   = "text"
)

// TextFile is one plain-text answer read from disk.
type TextFile struct {
	Name string // base name, e.g. "P01.txt"
	Data []byte
}

// ReadTextFiles reads path: a .txt file (one answer) or a folder whose .txt
// files are the answers (not recursive; other files are ignored).
func ReadTextFiles(path string) ([]TextFile, error) { return readTextFiles(path, 0) }

// readTextFiles is ReadTextFiles reading only regular files, at most limit
// bytes in all (no limit when 0).
func readTextFiles(path string, limit int64) ([]TextFile, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		b, err := safefile.ReadFile(path, limit)
		if err != nil {
			return nil, err
		}
		return []TextFile{{Name: filepath.Base(path), Data: b}}, nil
	}
	var total int64
	entries, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	var files []TextFile
	for _, e := range entries {
		if e.IsDir() || !strings.EqualFold(filepath.Ext(e.Name()), ".txt") || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := safefile.ReadFile(filepath.Join(path, e.Name()), limit)
		if err != nil {
			return nil, err
		}
		total += int64(len(b))
		if limit > 0 && total > limit {
			return nil, &safefile.TooLargeError{Path: path, Size: total, Limit: limit}
		}
		files = append(files, TextFile{Name: e.Name(), Data: b})
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s holds no .txt files: put one answer per .txt file, named after the respondent (P01.txt)", path)
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	return files, nil
}

// TextTable turns plain-text answers into a table of id and text. Each
// answer is normalised like a CSV file; surrounding white space (such as
// the final newline editors add) is trimmed.
func TextTable(files []TextFile) (*Table, error) {
	t := &Table{Header: []string{TextIDColumn, TextColumn}, Encoding: EncUTF8}
	encs := map[string]bool{}
	for i, f := range files {
		text, enc, err := DecodeText(f.Data)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		encs[enc] = true
		id := NormalizeText(strings.TrimSuffix(f.Name, filepath.Ext(f.Name)))
		t.Rows = append(t.Rows, Row{Cells: []string{id, strings.TrimSpace(text)}, Num: i + 2})
	}
	if len(encs) == 1 {
		for e := range encs {
			t.Encoding = e
		}
	} else {
		t.Encoding = "mixed"
	}
	return t, nil
}
