package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"qcweave/export"
	"qcweave/internal/storetest"
	"qcweave/record"
)

// The datasets carry every stored fact with its document and quote, in a
// stable order: two exports of the same store are byte-identical, in CSV
// and in JSON, and the BOM is there only when asked for.
func TestWrite(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	storetest.Save(t, st, storetest.Doc{SHA256: "b2", Title: "二月通报", Date: "2025-02-28",
		Counts: []record.Count{storetest.Count("濮阳", "410900", 60, "2025-02-28"), storetest.Count("郑州", "410100", 63, "2025-02-28")}})
	storetest.Save(t, st, storetest.Doc{SHA256: "a1", Title: "一月通报", Date: "2025-01-31",
		Centers: []record.Center{storetest.Center("河南省人民医院")}})

	for _, format := range []string{"csv", "json"} {
		dir1, dir2 := t.TempDir(), t.TempDir()
		files1, err := export.Write(ctx, st.DB(), export.Options{Format: format, Dir: dir1})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := export.Write(ctx, st.DB(), export.Options{Format: format, Dir: dir2}); err != nil {
			t.Fatal(err)
		}
		for _, f := range files1 {
			a, _ := os.ReadFile(f)
			b, _ := os.ReadFile(filepath.Join(dir2, filepath.Base(f)))
			if !bytes.Equal(a, b) {
				t.Errorf("%s differs between two exports", filepath.Base(f))
			}
		}
		for _, want := range []string{"documents", "counts", "centers", "coverage", "activities", "findings"} {
			if _, err := os.Stat(filepath.Join(dir1, want+"."+format)); err != nil {
				t.Errorf("no %s.%s", want, format)
			}
		}
	}

	dir := t.TempDir()
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "csv", Dir: dir, BOM: true}); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "counts.csv"))
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbf")) {
		t.Errorf("counts.csv has no BOM")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 {
		t.Fatalf("counts.csv has %d rows, want a header and 2", len(rows))
	}
	header := strings.Join(rows[0], ",")
	for _, col := range []string{"document", "quote", "value"} {
		if !strings.Contains(header, col) {
			t.Errorf("counts.csv header %q lacks %s", header, col)
		}
	}

	jdir := t.TempDir()
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "json", Dir: jdir}); err != nil {
		t.Fatal(err)
	}
	var centers []map[string]any
	jb, _ := os.ReadFile(filepath.Join(jdir, "centers.json"))
	if err := json.Unmarshal(jb, &centers); err != nil || len(centers) != 1 {
		t.Fatalf("centers.json: %v, %d rows", err, len(centers))
	}
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "yaml", Dir: jdir}); err == nil {
		t.Errorf("an unknown format was accepted")
	}
}
