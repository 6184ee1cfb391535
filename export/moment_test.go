package export_test

import (
	"context"
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"qcweave/export"
	"qcweave/internal/storetest"
	"qcweave/record"
	"qcweave/store"
)

// column reads the named column of a CSV file written without a BOM.
func column(t *testing.T, path, name string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%s: %v", path, err)
	}
	i := -1
	for j, h := range rows[0] {
		if h == name {
			i = j
		}
	}
	if i < 0 {
		t.Fatalf("%s has no column %s", path, name)
	}
	var out []string
	for _, r := range rows[1:] {
		out = append(out, r[i])
	}
	return out
}

// TestExportIsOneMoment: an export taken while documents are being stored
// shows the store at one moment, so that the rows of every dataset name
// a document of documents.csv (the foreign key its datapackage declares),
// however the ingest's commits fall between the datasets.
func TestExportIsOneMoment(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "q.db")
	w, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	doc := func(i int) storetest.Doc {
		return storetest.Doc{SHA256: fmt.Sprintf("doc%05d", i), Title: "通报", Date: "2025-03-31",
			Counts: []record.Count{storetest.Count("郑州", "410100", i, "2025-03-31")}}
	}
	storetest.Save(t, w, doc(0))
	stop, done := make(chan struct{}), make(chan struct{})
	go func() { // an ingest storing one document after another
		defer close(done)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			storetest.Save(t, w, doc(i))
		}
	}()
	defer func() { close(stop); <-done }()
	r, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for round := 0; round < 20; round++ {
		dir := t.TempDir()
		if _, err := export.Write(ctx, r.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
			t.Fatal(err)
		}
		docs := map[string]bool{}
		for _, sha := range column(t, filepath.Join(dir, "documents.csv"), "sha256") {
			docs[sha] = true
		}
		for _, sha := range column(t, filepath.Join(dir, "counts.csv"), "document") {
			if !docs[sha] {
				t.Fatalf("round %d: counts.csv has a row of %s, which documents.csv (%d documents) lacks", round, sha, len(docs))
			}
		}
	}
}
