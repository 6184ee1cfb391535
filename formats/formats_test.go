package formats

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"qcweave/formats/pdfload"
	"qcweave/internal/pdftest"
)

// TestMain lets the test binary serve as the PDF helper.
func TestMain(m *testing.M) {
	if len(os.Args) == 2 && os.Args[1] == "pdf-helper" {
		if err := ServePDFHelper(os.Stdin, os.Stdout); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func helperLoader(t testing.TB) *Loader {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	l := &Loader{PDFHelper: []string{exe, "pdf-helper"}, PDFTimeout: 10 * time.Second}
	if p, err := exec.LookPath("pdftotext"); err == nil {
		l.Pdftotext = p
	}
	t.Cleanup(l.Close)
	return l
}

func TestSniff(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"%PDF-1.7\n1 0 obj", "pdf"},
		{"\x00\x00junk then %PDF-2.0 in the first KiB", "pdf"},
		{"PK\x03\x04rest", "zip"},
		{"\xd0\xcf\x11\xe0rest", "ole"},
		{"  <!DOCTYPE html><html>", "html"},
		{"河南省卫生健康委员会", "txt"},
		{"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\"><html>", "html"},
		{"<!-- saved page -->\n<html><body>", "html"},
		{"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "html"},
		{"\xff\xfe\x73\x6c\x01\x77", "txt"},
		{"\x00\x01\x02", ""},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.in)); got != tt.want {
			t.Errorf("Sniff(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRefusals(t *testing.T) {
	ctx := context.Background()
	l := helperLoader(t)
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty file"},
		{"headerless pdf", "1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>", "damaged PDF"},
		{"truncated pdf", "%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "malformed PDF"},
		{"odd zip", "PK\x03\x04\x14\x00", "unknown format"},
		{"legacy office", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office"},
	}
	for _, tt := range tests {
		_, err := l.Load(ctx, tt.name, []byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line containing %q", tt.name, err, tt.want)
		}
	}
}

// The helper process keeps the reasons a PDF is refused as sentinel
// errors: a scan without a text layer is pdfload.ErrNoText to the caller.
func TestHelperKeepsSentinels(t *testing.T) {
	l := helperLoader(t)
	l.Pdftotext = ""
	_, err := l.Load(context.Background(), "scan.pdf", pdftest.Minimal("0 0 m 100 100 l S"))
	if !errors.Is(err, pdfload.ErrNoText) {
		t.Errorf("error %v is not pdfload.ErrNoText", err)
	}
}

// TestCorpus reads every PDF of the shared corpus through the helper
// process: each is read or refused with a one-line reason within 10 s,
// and nothing panics or hangs the test.
func TestCorpus(t *testing.T) {
	root := "../../shared/corpus/pdf"
	if _, err := os.Stat(root); err != nil {
		t.Skip("../shared/corpus/pdf is absent")
	}
	if testing.Short() {
		t.Skip("corpus walk skipped in -short mode")
	}
	var files []string
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(strings.ToLower(p), ".pdf") {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	l := helperLoader(t)
	type result struct {
		path string
		err  error
		took time.Duration
	}
	jobs := make(chan string)
	results := make(chan result)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				start := time.Now()
				_, err := l.Load(context.Background(), p, nil)
				results <- result{p, err, time.Since(start)}
			}
		}()
	}
	go func() {
		for _, f := range files {
			jobs <- f
		}
		close(jobs)
	}()
	go func() { wg.Wait(); close(results) }()
	read, refused := 0, 0
	for r := range results {
		if r.took > 10*time.Second+500*time.Millisecond {
			t.Errorf("%s took %s", r.path, r.took)
		}
		if r.err == nil {
			read++
			continue
		}
		refused++
		msg := r.err.Error()
		if strings.Contains(msg, "\n") || msg == "" || strings.Contains(msg, "goroutine ") {
			t.Errorf("%s: error is not one line: %q", r.path, msg)
		}
		if errors.Is(r.err, context.Canceled) {
			t.Errorf("%s: cancelled", r.path)
		}
	}
	t.Logf("%d PDFs: %d read, %d refused", len(files), read, refused)
}

// A document carries the SHA-256 of its content: computed by Load, taken
// from the caller by LoadHashed (the pipeline hashes a file once).
func TestDocumentHash(t *testing.T) {
	content := []byte("关于质控工作的通知\n")
	l := &Loader{}
	doc, err := l.Load(context.Background(), "a.txt", content)
	if err != nil {
		t.Fatal(err)
	}
	const given = "b4d7c4c6a0a4d2a0e27d3ec4a5ba8a0a5b1b01a0f1b1bdbc1b6f7c6d1c7a4e5f"
	sum := sha256.Sum256(content)
	if got := hex.EncodeToString(sum[:]); doc.SHA256 != got {
		t.Errorf("Load: sha256 %s, want %s", doc.SHA256, got)
	}
	doc, err = l.LoadHashed(context.Background(), "a.txt", content, given)
	if err != nil {
		t.Fatal(err)
	}
	if doc.SHA256 != given || doc.Path != "a.txt" {
		t.Errorf("LoadHashed: sha256 %s path %s, want the caller's", doc.SHA256, doc.Path)
	}
}
