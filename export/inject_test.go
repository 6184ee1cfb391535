package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/export"
	"qcweave/internal/storetest"
)

func TestCSVCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"+1+cmd", "'+1+cmd"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"-3", "-3"},
		{"+4.5", "+4.5"},
		{"关于印发的通知", "关于印发的通知"},
		{"", ""},
	} {
		if got := export.CSVCell(tc.in); got != tc.want {
			t.Errorf("CSVCell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// A title and a file name that would start a formula reach the CSV
// neutralized; the JSON keeps them as they are.
func TestCSVInjection(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "=1+2", Title: "=HYPERLINK(\"http://evil\",\"通知\")", Date: "2025-02-28"})
	dir := t.TempDir()
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "documents.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows[1:] {
		for _, c := range r {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("cell %q starts a formula", c)
			}
		}
	}
	if !bytes.Contains(b, []byte(`'=HYPERLINK(`)) {
		t.Errorf("the title is not in documents.csv, neutralized:\n%s", b)
	}
}

// An export killed midway left its temporaries; the next export removes
// them and writes the whole set.
func TestExportStaleTemporaries(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "a1", Title: "一月通报", Date: "2025-01-31"})
	dir := t.TempDir()
	stale := []string{".documents.csv.tmp-2147483646-0a1b2c", ".counts.csv.4242", ".qcweave.xlsx.tmp-2147483646-ffeedd"}
	for _, s := range stale {
		if err := os.WriteFile(filepath.Join(dir, s), []byte("half"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
		t.Fatal(err)
	}
	if _, err := export.WriteXLSX(ctx, st, dir); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left %s", e.Name())
		}
	}
}
