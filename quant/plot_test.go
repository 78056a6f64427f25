package quant

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWritePlots(t *testing.T) {
	rs, err := RunStudy(loadSample(t))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "plots")
	if err := WritePlots(dir, rs); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"SCS-SF", "PSEQ", "FSCRS-Hated", "FSCRS-Reassured", "FSCRS-Inadequate"} {
		svg, err := os.ReadFile(filepath.Join(dir, name+".svg"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(svg, []byte("<svg")) || !bytes.Contains(svg, []byte(name+": Jacobson–Truax plot, criterion")) {
			t.Errorf("%s.svg lacks the svg element or the title", name)
		}
		png, err := os.ReadFile(filepath.Join(dir, name+".png"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) {
			t.Errorf("%s.png is not a PNG", name)
		}
	}
}

func TestWritePlotsNothingOnFailure(t *testing.T) {
	rs, err := RunStudy(loadSample(t))
	if err != nil {
		t.Fatal(err)
	}
	rs[3].Result = &Result{} // no patients: cannot be drawn
	dir := filepath.Join(t.TempDir(), "plots")
	err = WritePlots(dir, rs)
	if err == nil || !strings.Contains(err.Error(), "FSCRS-Reassured") {
		t.Fatalf("err = %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the plot folder was created: %v", err)
	}
}

func TestPlotFileName(t *testing.T) {
	for in, want := range map[string]string{"SCS-SF": "SCS-SF", "FSCRS Hated/self": "FSCRS_Hated_self", "..": "measure", "Ä": "measure"} {
		if got := PlotFileName(in); got != want {
			t.Errorf("PlotFileName(%q) = %q, want %q", in, got, want)
		}
	}
}
