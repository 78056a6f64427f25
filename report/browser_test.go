package report_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/mixeval/mixeval/backend"
	"github.com/mixeval/mixeval/report"
)

// browser finds a Chromium or Chrome on the PATH. Without one the browser
// tests skip, except in CI (CI=true), where .ci/run installs Debian's
// chromium and a missing browser is a failure.
func browser(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium or Chrome on the PATH: CI must test the HTML report in a browser (apt-get install -y --no-install-recommends chromium)")
	}
	t.Skip("no Chromium or Chrome on the PATH: the HTML report is not tested in a browser")
	return ""
}

// page is a loaded report in a headless browser, with what the browser
// reported while loading it.
type page struct {
	ctx      context.Context
	mu       sync.Mutex
	requests []string
	problems []string
}

func (p *page) event(ev any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		p.requests = append(p.requests, ev.Request.URL)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value))
			}
			p.problems = append(p.problems, fmt.Sprintf("console %s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		p.problems = append(p.problems, "exception: "+ev.ExceptionDetails.Text)
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			p.problems = append(p.problems, fmt.Sprintf("log %s (%s): %s", ev.Entry.Level, ev.Entry.Source, ev.Entry.Text))
		}
	}
}

// openInBrowser loads file in a headless browser of the given window size.
func openInBrowser(t *testing.T, file string, width, height int) *page {
	t.Helper()
	bin := browser(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(bin), chromedp.WindowSize(width, height))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancelAlloc)
	ctx, cancelTab := chromedp.NewContext(actx)
	t.Cleanup(cancelTab)
	ctx, cancelTime := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTime)
	p := &page{ctx: ctx}
	// Open the tab first, so that the listener sees every event of the load.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start the browser: %v", err)
	}
	if err := chromedp.Listen(ctx, p.event); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file), chromedp.WaitReady("body")); err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	return p
}

func eval[T any](t *testing.T, p *page, js string) T {
	t.Helper()
	v, err := chromedp.Run(p.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// TestHTMLReportInBrowser opens the sample study's HTML report in headless
// Chromium: no console error or warning, no request but the file itself
// (and data: URLs), every figure drawn with a size, the Table 2 cells and
// the joint display counts read from the page equal to the engine's and
// to a count made here from the coder file, and printing to PDF works. A
// screenshot is saved in the test's temporary folder (and, when
// MIXEVAL_SCREENSHOTS names a folder, in viewport-sized slices there to
// look at).
func TestHTMLReportInBrowser(t *testing.T) {
	dir := t.TempDir()
	res := sampleReport(t, backend.ReportRequest{Format: report.FormatHTML})
	html, _, err := res.Render(report.FormatHTML, "")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "report.html")
	if err := os.WriteFile(file, html, 0o644); err != nil {
		t.Fatal(err)
	}
	p := openInBrowser(t, file, 1280, 900)

	// Figures: every SVG has a size on the page.
	type box struct {
		ID            string
		Width, Height float64
	}
	figs := eval[[]box](t, p, `Array.from(document.querySelectorAll("figure svg")).map(s => { const r = s.getBoundingClientRect(); return {ID: s.id || s.getAttribute("aria-labelledby"), Width: r.width, Height: r.height}; })`)
	if len(figs) != 6 { // the five plots and the theme map
		t.Errorf("%d figures drawn, want 6", len(figs))
	}
	for _, f := range figs {
		if !(f.Width > 50 && f.Height > 50) {
			t.Errorf("figure %s is drawn %v × %v", f.ID, f.Width, f.Height)
		}
	}
	// Text inside the figures stays inside them, whatever the font.
	overflow := eval[[]string](t, p, `Array.from(document.querySelectorAll("figure svg")).flatMap(s => { const r = s.getBoundingClientRect(); return Array.from(s.querySelectorAll("text")).filter(x => { const b = x.getBoundingClientRect(); return b.right > r.right + 0.5 || b.left < r.left - 0.5 || b.bottom > r.bottom + 0.5; }).map(x => x.textContent); })`)
	if len(overflow) > 0 {
		t.Errorf("figure text outside its figure: %q", overflow)
	}
	overflowBox := eval[[]string](t, p, `Array.from(document.querySelectorAll("#theme-map svg g, #theme-map svg")).length ? (() => {
		const svg = document.querySelector("#theme-map svg"); const rects = Array.from(svg.querySelectorAll("rect")); const out = [];
		for (const x of svg.querySelectorAll("text")) { const b = x.getBBox(); const inBox = rects.some(r => { const q = r.getBBox(); return b.x >= q.x - 0.5 && b.x + b.width <= q.x + q.width + 0.5 && b.y >= q.y - 0.5 && b.y + b.height <= q.y + q.height + 0.5; }); if (!inBox) out.push(x.textContent); }
		return out; })() : []`)
	if len(overflowBox) > 0 {
		t.Errorf("theme map text outside its box: %q", overflowBox)
	}

	// Table 2 read from the page against the engine's JSON.
	e := loadEngine(t)
	type cell struct {
		Measure, Pair, CS, RC, Text string
	}
	cells := eval[[]cell](t, p, `Array.from(document.querySelectorAll("#table2 td[data-cs]")).map(td => ({Measure: td.dataset.measure, Pair: td.dataset.pair, CS: td.dataset.cs, RC: td.dataset.rc, Text: td.textContent.trim()}))`)
	blocks := 0
	for _, m := range e.Measures {
		blocks += len(m.Results())
	}
	if len(cells) != 9*blocks {
		t.Errorf("Table 2 has %d cells, want %d (9 for each of %d measure × pair blocks)", len(cells), 9*blocks, blocks)
	}
	for _, c := range cells {
		var want int
		found := false
		for _, m := range e.Measures {
			for _, r := range m.Results() {
				if m.Name == c.Measure && r.From+"-"+r.To == c.Pair {
					want, found = r.Table[c.CS][c.RC], true
				}
			}
		}
		if !found || c.Text != fmt.Sprint(want) {
			t.Errorf("Table 2 %s %s [%s][%s] shows %q, engine %d", c.Measure, c.Pair, c.CS, c.RC, c.Text, want)
		}
	}

	// Every measure's joint display, counted again here from the engine's
	// categories and alice's segments.
	sc := loadSampleCoding(t)
	type jcell struct {
		Measure, Row, Col, K, N, Text string
	}
	jcells := eval[[]jcell](t, p, `Array.from(document.querySelectorAll("table.joint td[data-row]")).map(td => ({Measure: td.closest("table").dataset.measure, Row: td.dataset.row, Col: td.closest("table").querySelectorAll("thead th")[td.cellIndex].textContent.trim(),
		K: (td.querySelector(".k") || {textContent: "0"}).textContent, N: (td.querySelector(".n") || {textContent: ""}).textContent, Text: td.textContent.trim()}))`)
	if len(jcells) != 4*3*len(e.Measures) {
		t.Errorf("%d joint display cells, want %d (4 rows × 3 themes × %d measures)", len(jcells), 4*3*len(e.Measures), len(e.Measures))
	}
	for _, c := range jcells {
		k, n := expectedJointCell(e, sc, c.Measure, c.Row, c.Col)
		switch {
		case k == 0 && c.Text != "—":
			t.Errorf("%s %s × %s shows %q, want —", c.Measure, c.Row, c.Col, c.Text)
		case k > 0 && (c.K != fmt.Sprint(k) || c.N != fmt.Sprint(n)):
			t.Errorf("%s %s × %s shows %s of %s, want %d of %d", c.Measure, c.Row, c.Col, c.K, c.N, k, n)
		}
	}

	if err := chromedp.Do(p.ctx, chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 0)`)); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "report.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}
	keepSlices(t, shot)

	pdf, err := chromedp.Run(p.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatalf("print to PDF: %v", err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || len(pdf) < 10_000 {
		t.Errorf("the PDF is %d bytes starting %q", len(pdf), pdf[:min(len(pdf), 8)])
	}
	if err := os.WriteFile(filepath.Join(dir, "report.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	if keep := os.Getenv("MIXEVAL_SCREENSHOTS"); keep != "" {
		if err := os.WriteFile(filepath.Join(keep, "report.pdf"), pdf, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	for _, u := range p.requests {
		if u != "file://"+file && !strings.HasPrefix(u, "data:") {
			t.Errorf("the page requested %s", u)
		}
	}
	if len(p.requests) == 0 {
		t.Error("no request recorded, not even the page's own: the listener saw nothing")
	}
	for _, s := range p.problems {
		t.Errorf("browser: %s", s)
	}
}

// expectedJointCell counts, for one cell of a joint display, the row's
// patients who answered (n) and those of them with a segment under the
// column's theme (k), from the engine's categories and alice's coding.
func expectedJointCell(e *engine, sc *sampleCoding, measure, row, theme string) (k, n int) {
	for _, m := range e.Measures {
		if m.Name != measure {
			continue
		}
		for _, p := range m.Patients {
			var label string
			switch {
			case p.Reliable == "deterioration":
				label = "Deteriorated"
			case p.Reliable == "no change":
				label = "No reliable change"
			case p.Clinical == "significant change":
				label = "Clinically significant change"
			default:
				label = "Reliable improvement"
			}
			if label != row || !sc.answered[p.ID] {
				continue
			}
			n++
			for _, s := range sc.segments {
				if strings.HasPrefix(s.Document, p.ID+"/") && anyUnder(sc, s.Codes, theme) {
					k++
					break
				}
			}
		}
	}
	return k, n
}

func anyUnder(sc *sampleCoding, codes []string, theme string) bool {
	for _, c := range codes {
		if sc.theme[c] == theme {
			return true
		}
	}
	return false
}

// keepSlices writes the screenshot cut into viewport-sized PNGs into the
// folder MIXEVAL_SCREENSHOTS names, for a person to look at.
func keepSlices(t *testing.T, shot []byte) {
	dir := os.Getenv("MIXEVAL_SCREENSHOTS")
	if dir == "" {
		return
	}
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	sub := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	for i, y := 0, b.Min.Y; y < b.Max.Y; i, y = i+1, y+1000 {
		var buf bytes.Buffer
		if err := png.Encode(&buf, sub.SubImage(image.Rect(b.Min.X, y, b.Max.X, min(y+1000, b.Max.Y)))); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("report-%02d.png", i)), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
