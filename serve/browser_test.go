package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/chromedp/chromedp"

	"qcweave/export"
)

// artifactDir is where the browser test writes its screenshots:
// $QCWEAVE_ARTIFACTS, else a folder in the system's temporary folder.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("QCWEAVE_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "qcweave-artifacts")
	}
	dir = filepath.Join(dir, "serve")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBrowserReview drives Chromium through a review: open a document,
// dismiss its finding, correct a center's host, reload, and find both
// kept — in the page and in a fresh CSV export; then add a record the
// extraction missed by selecting its quote in the text.
func TestBrowserReview(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		t.Skip("chromium is not installed")
	}
	f := newFixture(t, Options{Reviewer: "reviewer-b"})
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1400, 1000),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	t.Cleanup(cancel)
	art := artifactDir(t)
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(art, name), buf, 0o644)
		})
	}
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(css(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	step := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		for i, st := range steps {
			if err := chromedp.Do(ctx, st); err != nil {
				t.Fatalf("%s, step %d: %v", what, i+1, err)
			}
		}
	}
	docURL := f.ts.URL + "/doc/" + fixtureSHA
	step("open the document", chromedp.Navigate(docURL), chromedp.WaitVisible(css(`#text`)), shot("1-document.png"))
	reviewer := text(`#reviewer`)
	step("dismiss the finding",
		chromedp.SetValue(css(`.finding form.review input[name=note]`), "词典已补充"),
		chromedp.Click(css(`.finding form.review button[value=dismissed]`)),
		chromedp.WaitVisible(css(`.finding.rv-dismissed`)))
	flash1 := text(`#flash`)
	step("correct the host",
		chromedp.Click(css(`li.rec.k-center details.fix summary`)),
		chromedp.SetValue(css(`li.rec.k-center form[data-field=host] input[name=value]`), "河南省人民医院"),
		chromedp.SetValue(css(`li.rec.k-center form[data-field=host] input[name=note]`), "以公示为准"),
		chromedp.Click(css(`li.rec.k-center form[data-field=host] button`)),
		chromedp.WaitVisible(css(`li.rec.k-center.corrected`)))
	flash2 := text(`#flash`)
	step("reload", chromedp.Navigate(docURL), chromedp.WaitVisible(css(`#text`)))
	hostAfter := text(`li.rec.k-center dd.f-host`)
	class, err := chromedp.Run(ctx, chromedp.AttributeValue(css(`.finding`), "class"))
	if err != nil {
		t.Fatal(err)
	}
	findingClass := class.Value
	// add a record the extraction missed by selecting its quote
	const missed = "湖北省护理质控中心"
	sel, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(function () {
		var q = "`+missed+`";
		var spans = document.querySelectorAll("#text span[data-o], #text mark[data-o]");
		for (var i = 0; i < spans.length; i++) {
			var t = spans[i].firstChild;
			if (!t || t.nodeType !== 3) { continue; }
			var k = t.textContent.indexOf(q);
			if (k < 0) { continue; }
			var r = document.createRange();
			r.setStart(t, k); r.setEnd(t, k + q.length);
			var s = window.getSelection(); s.removeAllRanges(); s.addRange(r);
			document.getElementById("text").dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
			return document.getElementById("add-quote").value + "@" + document.getElementById("add-start").value;
		}
		return "not found";
	})()`))
	if err != nil {
		t.Fatal(err)
	}
	if want := missed + "@" + fmt.Sprint(utf8.RuneCountInString(fixtureText[:strings.Index(fixtureText, missed)])); sel != want {
		t.Errorf("selecting the quote filled %q, want %q", sel, want)
	}
	step("add the record",
		chromedp.SetValue(css(`#add-form select[name=kind]`), "center"),
		chromedp.SetValue(css(`#add-form input[name=name]`), missed),
		chromedp.SetValue(css(`#add-form input[name=level]`), "省级"),
		chromedp.Click(css(`#add-form button`)),
		chromedp.WaitVisible(css(`li.rec.corrected[data-label="`+missed+`"]`)))
	step("choose a record", chromedp.Click(css(`li.rec.k-center a.jump`)), shot("2-corrected.png"))
	step("overview", chromedp.Navigate(f.ts.URL+"/"), chromedp.WaitVisible(css(`.numbers`)), shot("3-overview.png"))
	step("findings", chromedp.Navigate(f.ts.URL+"/findings?status=all"), chromedp.WaitVisible(css(`main`)), shot("4-findings.png"))
	t.Logf("screenshots in %s", art)
	if reviewer != "reviewer-b" {
		t.Errorf("reviewer shown = %q", reviewer)
	}
	if !strings.Contains(flash1, "驳回") || !strings.Contains(flash2, "已保存修正") {
		t.Errorf("flashes %q, %q", flash1, flash2)
	}
	if !strings.HasPrefix(hostAfter, "河南省人民医院") {
		t.Errorf("host after reload = %q", hostAfter)
	}
	if !strings.Contains(findingClass, "rv-dismissed") {
		t.Errorf("finding after reload has class %q, want it dismissed", findingClass)
	}
	dir := t.TempDir()
	if _, err := export.Write(context.Background(), f.st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
		t.Fatal(err)
	}
	centers := readCSV(t, filepath.Join(dir, "centers.csv"))
	findings := readCSV(t, filepath.Join(dir, "findings.csv"))
	if len(centers) != 3 || !strings.Contains(strings.Join(centers[1], ","), "河南省人民医院") || centers[1][len(centers[1])-1] != "true" ||
		!strings.Contains(strings.Join(centers[2], ","), "湖北省护理质控中心") || centers[2][len(centers[2])-1] != "true" {
		t.Errorf("centers.csv = %v", centers)
	}
	if len(findings) != 2 || !strings.Contains(strings.Join(findings[1], ","), "true") {
		t.Errorf("findings.csv = %v, want the finding acknowledged", findings)
	}
}
