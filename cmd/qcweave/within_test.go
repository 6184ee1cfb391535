package main

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"qcweave/store"
)

// TestCorrectedDateOutlivesIngest: a misdated activity corrected into the
// bulletin's period loses its date_outside_period at check, and keeps it
// lost when the document is extracted and stored again (a newer
// extractor): the stored document's own findings are checked again over
// its corrected records.
func TestCorrectedDateOutlivesIngest(t *testing.T) {
	ctx := context.Background()
	const bulletin = "../../testdata/seeds/003_8bcd6cef6928f5fe.txt"
	const stale = "date_outside_period 2024-03-21"
	db := filepath.Join(t.TempDir(), "q.db")
	if code, _, stderr := runCmd(t, ctx, "ingest", "--db", db, bulletin); code != 0 {
		t.Fatal(stderr)
	}
	if !slices.Contains(checkKeys(t, db), stale) {
		t.Fatalf("no %s to correct: %q", stale, checkKeys(t, db))
	}
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	var c store.Correction
	var center string
	if err := st.DB().QueryRowContext(ctx, `SELECT d.sha256, a.center_text, a.quote FROM activities a JOIN documents d ON d.id = a.document_id
		WHERE a.start_date = '2024-03-21'`).Scan(&c.Doc, &center, &c.Quote); err != nil {
		t.Fatal(err)
	}
	c.Kind, c.Key, c.Action, c.Field, c.Before, c.After, c.By, c.At = store.KindActivity, store.RecordKey(center, c.Quote), store.ActionSet, store.FieldDate,
		"2024-03-21", "2025-03-21", "审阅人", "2026-01-01T00:00:00Z"
	if _, err := st.Correct(ctx, c, 0); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if keys := checkKeys(t, db); slices.Contains(keys, stale) {
		t.Errorf("check still lists the corrected date's finding: %q", keys)
	}

	// a newer extractor stores the document anew
	if st, err = store.Open(ctx, db); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB().ExecContext(ctx, `UPDATE documents SET extractor_version = 'older'`); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if code, stdout, stderr := runCmd(t, ctx, "ingest", "--db", db, bulletin); code != 0 {
		t.Fatal(stdout, stderr)
	}
	if keys := checkKeys(t, db); slices.Contains(keys, stale) {
		t.Errorf("the corrected date's finding came back with the new extraction: %q", keys)
	}
}
