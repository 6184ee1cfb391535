package ocr

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeTools puts on PATH a tesseract that logs its calls and lists the
// given languages, and poppler's tools that do nothing; it returns the
// log's path.
func fakeTools(t *testing.T, langs string) string {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "calls")
	tess := fmt.Sprintf("#!/bin/sh\necho \"$@\" >> %s\nprintf 'List of available languages (%d):\\n%s\\n'\n", log, len(strings.Fields(langs)), strings.Join(strings.Fields(langs), "\\n"))
	for name, script := range map[string]string{"tesseract": tess, "pdfimages": "#!/bin/sh\n", "pdftoppm": "#!/bin/sh\n", "pdfinfo": "#!/bin/sh\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("PATH", dir)
	return log
}

// Finding the engine runs no program: its languages are asked once,
// when a document first needs OCR, however many goroutines ask.
func TestFindIsLazy(t *testing.T) {
	log := fakeTools(t, "chi_sim eng osd")
	e, ok := Find()
	if !ok {
		t.Fatal("Find: the tools on PATH were not found")
	}
	if b, _ := os.ReadFile(log); len(b) > 0 {
		t.Fatalf("Find ran tesseract: %q", b)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := e // copies share the answer
			if err := c.Ready(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if b, _ := os.ReadFile(log); strings.Count(string(b), "--list-langs") != 1 {
		t.Errorf("tesseract calls %q, want one --list-langs", b)
	}
	if r, _ := e.ready(); r.Digits != "eng" {
		t.Errorf("digits language %q, want eng", r.Digits)
	}
}

// Without chi_sim the engine is found but cannot read.
func TestReadyWithoutChinese(t *testing.T) {
	fakeTools(t, "eng osd")
	e, ok := Find()
	if !ok {
		t.Fatal("Find: the tools on PATH were not found")
	}
	if err := e.Ready(); !errors.Is(err, ErrNoLanguage) {
		t.Errorf("Ready: %v, want ErrNoLanguage", err)
	}
	if _, err := e.ReadPDF(t.Context(), []byte("%PDF-1.4")); !errors.Is(err, ErrNoLanguage) {
		t.Errorf("ReadPDF: %v, want ErrNoLanguage", err)
	}
}
