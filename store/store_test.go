package store

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mattn/go-sqlite3"
)

func TestSourceMapRoundTrip(t *testing.T) {
	for _, m := range [][]int32{
		nil,
		{0, 1, 2, 3},
		{5, 6, 7, 7, 9, 10, 2, 3},
		{0, 0, 0},
	} {
		got, err := DecodeSourceMap(encodeSourceMap(m))
		if err != nil || !slices.Equal(got, m) {
			t.Errorf("round trip of %v = %v, %v", m, got, err)
		}
	}
}

// v1Store makes a store of schema version 1 in a new folder: its path,
// and the database open for more rows (the caller closes it).
func v1Store(t *testing.T) (string, *sql.DB) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "v1.db")
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range schema() {
		if _, err := db.Exec(stmt); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.Exec("INSERT INTO meta(key, value) VALUES ('schema_version', '1')"); err != nil {
		t.Fatal(err)
	}
	return path, db
}

// TestMigrate opens a store made at version 1 and finds it migrated.
func TestMigrate(t *testing.T) {
	ctx := context.Background()
	path, db := v1Store(t)
	db.Exec(`INSERT INTO documents(sha256, path, format, title, issuer, doc_date, extractor_version) VALUES ('x', 'a.txt', 'txt', '简报', '办公室', '2025-03-31', 'v')`)
	db.Close()
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var v, key string
	st.DB().QueryRow("SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
	st.DB().QueryRow("SELECT notice_key FROM documents").Scan(&key)
	if v != strconv.Itoa(SchemaVersion) || key != "办公室|简报|2025-03-31" {
		t.Errorf("after migration: version %s, notice key %q", v, key)
	}
	if _, err := st.UserAliases(ctx); err != nil {
		t.Errorf("user_aliases missing after migration: %v", err)
	}
	// a store newer than this qcweave is refused
	st.DB().Exec("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
	st.Close()
	// (saying so, not to ingest into a new store, which would lose it)
	for name, open := range map[string]func(context.Context, string) (*Store, error){"Open": Open, "OpenReadOnly": OpenReadOnly} {
		if _, err := open(ctx, path); !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "newer qcweave (schema version 99") || strings.Count(err.Error(), "store:") != 1 {
			t.Errorf("%s of a newer store: %v, want ErrSchema saying a newer qcweave made it", name, err)
		}
	}
}

// Several openers of one new store (two ingests started at once) create
// it once: none fails, and it is at the current version. SQLite refuses
// one of two connections turning a new file to WAL at the same moment
// rather than wait, so the race is run many times to meet that moment.
func TestOpenConcurrently(t *testing.T) {
	ctx := context.Background()
	for round := range 30 {
		path := filepath.Join(t.TempDir(), "new.db")
		errs := make(chan error, 4)
		for range 4 {
			go func() {
				s, err := Open(ctx, path)
				if err == nil {
					err = s.Close()
				}
				errs <- err
			}()
		}
		for range 4 {
			if err := <-errs; err != nil {
				t.Fatalf("round %d: open: %v", round, err)
			}
		}
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		var v string
		err = s.DB().QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v)
		s.Close()
		if err != nil || v != strconv.Itoa(SchemaVersion) {
			t.Fatalf("round %d: schema version %q, %v; want %d", round, v, err, SchemaVersion)
		}
	}
}

// The full-text index finds a phrase of any length in every document
// stored, one transaction each, past the point where its segments are
// merged (64 on a level).
func TestFullText(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "fts.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if !st.HasFTS() {
		t.Skip("SQLite without FTS5 (build with -tags sqlite_fts5)")
	}
	db := st.DB()
	const n = 150
	for i := range n {
		text := "第" + strconv.Itoa(i) + "号简报：本月召开质控工作会议。"
		if i%10 == 0 {
			text += "省体外生命支持质控中心开展督导。"
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		res, err := tx.Exec(`INSERT INTO documents(sha256, path, format, extractor_version) VALUES (?, ?, 'txt', 'v')`, strconv.Itoa(i), strconv.Itoa(i)+".txt")
		if err != nil {
			t.Fatal(err)
		}
		id, _ := res.LastInsertId()
		if _, err := tx.Exec(`INSERT INTO document_text(document_id, text) VALUES (?, ?)`, id, text); err != nil {
			t.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string]int{"体外生命支持": n / 10, "质控工作会议": n, "工作会": n, "第12号": 1, "心肺复苏": 0} {
		var got int
		if err := db.QueryRow(`SELECT count(*) FROM document_fts WHERE document_fts MATCH ?`, `"`+q+`"`).Scan(&got); err != nil {
			t.Fatalf("MATCH %s: %v", q, err)
		}
		if got != want {
			t.Errorf("MATCH %s: %d documents, want %d", q, got, want)
		}
	}
}

// A store another process keeps locked past the wait says so, and stays
// recognisable as "busy" to the retry of Open.
func TestExplainBusy(t *testing.T) {
	err := explainOpen("/x/q.db", sqlite3.Error{Code: sqlite3.ErrBusy})
	if !strings.Contains(err.Error(), "another process") || !busy(err) {
		t.Errorf("busy store: %v (busy %v)", err, busy(err))
	}
	if err := explainOpen("/x/q.db", errors.New("disk I/O error")); busy(err) {
		t.Errorf("an I/O error counted as busy: %v", err)
	}
}
