package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// chromium returns the path of a Chromium to test the report with, or
// skips the test.
func chromium(t *testing.T) string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("no chromium installed: the report is not rendered")
	return ""
}

// TestReportInBrowser renders the report in headless Chromium: the 18
// Henan cities are rows of the matrix, the 2024-03-21 finding is there, and
// a document title holding a <script> shows as text and does not run.
func TestReportInBrowser(t *testing.T) {
	browser := chromium(t)
	ctx := context.Background()
	dir := t.TempDir()
	evil := variant(t, dir, "evil", "关于质控织网行动有关重点任务推进落实情况的 通 报",
		"关于<script>document.body.setAttribute('data-pwned','1')</script>的通报")
	db := filepath.Join(dir, "q.db")
	for _, f := range []string{henan, "../../testdata/seeds/003_8bcd6cef6928f5fe.txt", evil} {
		if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, f); code != 0 {
			t.Fatal(stderr)
		}
	}
	html := filepath.Join(dir, "report.html")
	if code, _, stderr := runCmd(t, ctx, "report", "--db", db, "--out", html); code != 0 {
		t.Fatal(stderr)
	}
	raw, _ := os.ReadFile(html)
	if regexp.MustCompile(`(?i)(src|href)="https?:`).Match(raw) {
		t.Error("the report loads something from the network")
	}
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "chrome"), "--dump-dom", "file://"+html)
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v", err)
	}
	page := string(dom)
	cities := []string{"郑州", "开封", "洛阳", "平顶山", "安阳", "鹤壁", "新乡", "焦作", "濮阳", "许昌", "漯河", "三门峡", "南阳", "商丘", "信阳", "周口", "驻马店", "济源"}
	for _, c := range cities {
		if !regexp.MustCompile(`<tr data-region="` + c + `[^"]*"`).MatchString(page) {
			t.Errorf("matrix lacks a row for %s", c)
		}
	}
	if n := strings.Count(page, "<tr data-region="); n != 18 {
		t.Errorf("matrix has %d rows, want 18", n)
	}
	if !strings.Contains(page, "2024-03-21") || !strings.Contains(page, "date_outside_period") {
		t.Error("the 2024-03-21 finding is not in the report")
	}
	if !strings.Contains(page, "关于&lt;script&gt;document.body.setAttribute") {
		t.Error("the title with <script> is not shown as text")
	}
	if strings.Contains(page, `data-pwned="1"`) {
		t.Error("the script in a document title ran")
	}
	shot := filepath.Join(dir, "report.png")
	cmd = exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "chrome"), "--window-size=1280,1600", "--screenshot="+shot, "file://"+html)
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium screenshot: %v", err)
	}
	if fi, err := os.Stat(shot); err != nil || fi.Size() < 10000 {
		t.Errorf("screenshot missing or empty: %v", err)
	}
}
