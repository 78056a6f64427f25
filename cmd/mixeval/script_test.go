package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets testscript run this test binary as the mixeval command, so
// the end-to-end scripts exercise the real binary's flags, output and exit
// codes.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"mixeval": func() { os.Exit(run(os.Args[1:], systemIO())) },
	})
}

// TestScripts runs testdata/script/*.txtar. Each script starts in an empty
// work folder; $SAMPLE is the bundled sample study (copy it before changing
// anything: cp -r is not available, so use 'mixeval init --from-sample' or
// read it in place).
func TestScripts(t *testing.T) {
	sample, err := filepath.Abs(filepath.Join("..", "..", "sample-data"))
	if err != nil {
		t.Fatal(err)
	}
	messy, err := filepath.Abs(filepath.Join("testdata", "messy"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("SAMPLE", sample)
			// Byte-exact input files (UTF-16, Windows-1252, XLSX) that a
			// txtar archive cannot hold; see messy_fixtures_test.go.
			env.Setenv("MESSY", messy)
			return nil
		},
	})
}
