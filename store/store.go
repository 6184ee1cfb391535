package store

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"

	"qcweave/document"
	"qcweave/record"
)

// Store is a qcweave SQLite database. Each document is written in one
// transaction; SQLite (WAL journal, busy timeout) serializes writers, in
// this process and across processes, and reads run beside them.
type Store struct {
	db  *sql.DB
	fts bool
}

// ErrSchema is returned when a database has another schema version.
var ErrSchema = errors.New("schema version mismatch")

// schemaError explains a store's schema version v that this qcweave
// cannot open: a store a newer qcweave made wants that qcweave (a new
// store would lose it), anything else is no store of qcweave's.
func schemaError(v string) error {
	if have, err := strconv.Atoi(v); err == nil && have > SchemaVersion {
		return fmt.Errorf("%w: the store was made by a newer qcweave (schema version %d; this one knows up to %d): open it with that qcweave or a later one", ErrSchema, have, SchemaVersion)
	}
	return fmt.Errorf("%w: schema version %q is none that qcweave made", ErrSchema, v)
}

// openPatience bounds how long Open retries a store another process holds
// locked while it is being created; it matches the busy timeout.
const openPatience = 10 * time.Second

// Open opens or creates the database at path. Two openers of one new store
// can meet where SQLite refuses to wait (both turning the new file to WAL
// at once: waiting would deadlock, so one is told "locked" at once); the
// refused one closes and tries again, for up to openPatience.
func Open(ctx context.Context, path string) (*Store, error) {
	deadline := time.Now().Add(openPatience)
	for wait := 2 * time.Millisecond; ; wait = min(2*wait, 200*time.Millisecond) {
		s, err := open(ctx, path)
		if err == nil || !busy(err) || time.Now().After(deadline) {
			return s, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("store: open %s: %w", path, ctx.Err())
		case <-time.After(wait):
		}
	}
}

// busy reports whether err is SQLite's "busy" or "locked".
func busy(err error) bool {
	var e sqlite3.Error
	return errors.As(err, &e) && (e.Code == sqlite3.ErrBusy || e.Code == sqlite3.ErrLocked)
}

func open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("store: open: no path given")
	}
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() && !fi.IsDir() {
		return nil, fmt.Errorf("store: open %s: not a regular file", path)
	}
	// every transaction writes: it takes the write lock when it begins
	// (IMMEDIATE), so that two processes on one store wait for each other
	// instead of failing when a reader turns writer
	dsn := "file:" + uriPath(path) + "?_foreign_keys=on&_busy_timeout=10000&_journal_mode=WAL&_synchronous=NORMAL&_txlock=immediate"
	db, err := sql.Open("sqlite3", dsn)
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db}
	if err := s.init(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, explainOpen(path, err))
	}
	return s, nil
}

// uriPath writes a file path as the path of an SQLite URI filename
// (file:PATH?params): %, ? and # are escaped, so that a store named
// a#b.db or 50%.db is that file and not "a" or "50" with the rest taken
// for a fragment or a query, and a path that starts with // is not read
// as naming a host.
func uriPath(path string) string {
	if strings.HasPrefix(path, "//") {
		path = filepath.Clean(path)
	}
	return strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(path)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// DB returns the underlying database for read-only queries.
func (s *Store) DB() *sql.DB { return s.db }

// HasFTS reports whether the full-text index exists.
func (s *Store) HasFTS() bool { return s.fts }

func (s *Store) init(ctx context.Context) error {
	var mode string
	if err := s.db.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		return err
	}
	if mode != "wal" && mode != "memory" {
		return fmt.Errorf("journal mode is %s, want wal", mode)
	}
	if err := s.create(ctx); err != nil {
		return err
	}
	if err := s.migrate(ctx); err != nil {
		return err
	}
	var f int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'document_fts'").Scan(&f); err != nil {
		return err
	}
	s.fts = f == 1
	return nil
}

// create makes the tables of a new store, the full-text index included,
// in one transaction under the write lock: two processes opening the same
// new store create it once, and neither writes before the index exists.
func (s *Store) create(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE name = 'meta'").Scan(&n); err != nil {
		return err
	}
	if n == 1 {
		return nil // made before
	}
	for _, stmt := range schema() {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return fmt.Errorf("create schema: %w", err)
		}
	}
	for _, m := range migrations {
		for _, stmt := range m {
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("create schema: %w", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO meta(key, value) VALUES ('schema_version', ?)", strconv.Itoa(SchemaVersion)); err != nil {
		return err
	}
	// the full-text index is optional: SQLite without FTS5 still stores
	// everything else
	if _, err := tx.ExecContext(ctx, "SAVEPOINT fts"); err != nil {
		return err
	}
	for _, stmt := range ftsSchema {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			if _, err := tx.ExecContext(ctx, "ROLLBACK TO fts"); err != nil {
				return err
			}
			break
		}
	}
	if _, err := tx.ExecContext(ctx, "RELEASE fts"); err != nil {
		return err
	}
	return tx.Commit()
}

// migrate brings the store up to SchemaVersion, one version per
// transaction; the version is read under the write lock, so that two
// processes opening an old store migrate it once.
func (s *Store) migrate(ctx context.Context) error {
	for {
		done, err := s.migrateOnce(ctx)
		if err != nil || done {
			return err
		}
	}
}

// migrateOnce applies the next migration, or reports that there is none.
func (s *Store) migrateOnce(ctx context.Context) (done bool, err error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v string
	if err := tx.QueryRowContext(ctx, "SELECT value FROM meta WHERE key = 'schema_version'").Scan(&v); err != nil {
		return false, fmt.Errorf("read schema version: %w", err)
	}
	have, err := strconv.Atoi(v)
	if err != nil || have > SchemaVersion || have < 1 {
		return false, schemaError(v)
	}
	if have == SchemaVersion {
		return true, nil
	}
	for _, stmt := range migrations[have-1] {
		if _, err := tx.ExecContext(ctx, stmt); err != nil {
			return false, fmt.Errorf("migrate to version %d: %w", have+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE meta SET value = ? WHERE key = 'schema_version'", strconv.Itoa(have+1)); err != nil {
		return false, err
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("migrate to version %d: %w", have+1, err)
	}
	return false, nil
}

// Document returns the stored extractor version of the document with the
// given content hash, and whether it is stored.
func (s *Store) Document(ctx context.Context, sha string) (version string, ok bool, err error) {
	err = s.db.QueryRowContext(ctx, "SELECT extractor_version FROM documents WHERE sha256 = ?", sha).Scan(&version)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: look up %s: %w", sha, err)
	}
	return version, true, nil
}

// RecordError keeps a file that could not be read in the error log.
func (s *Store) RecordError(ctx context.Context, path, sha, reason string) error {
	_, err := s.db.ExecContext(ctx, "INSERT OR IGNORE INTO ingest_errors(path, sha256, reason) VALUES (?, ?, ?)", path, nullStr(sha), reason)
	if err != nil {
		return fmt.Errorf("store: record error for %s: %w", path, err)
	}
	return nil
}

func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nullPtr(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func nullInt(n *int) any {
	if n == nil {
		return nil
	}
	return *n
}

// encodeSourceMap stores the source map compactly: runs of normalized
// runes whose source offsets go up by one, each as two unsigned varints
// (source offset of its first rune, length). DecodeSourceMap reverses it.
func encodeSourceMap(m []int32) []byte {
	var out []byte
	for i := 0; i < len(m); {
		j := i + 1
		for j < len(m) && m[j] == m[j-1]+1 {
			j++
		}
		out = binary.AppendUvarint(out, uint64(max(m[i], 0)))
		out = binary.AppendUvarint(out, uint64(j-i))
		i = j
	}
	return out
}

// DecodeSourceMap expands a stored source map: for each rune of the
// normalized text, the rune offset in the source it came from.
func DecodeSourceMap(b []byte) ([]int32, error) {
	var out []int32
	for len(b) > 0 {
		start, n := binary.Uvarint(b)
		if n <= 0 {
			return nil, errors.New("store: corrupt source map")
		}
		length, m := binary.Uvarint(b[n:])
		if m <= 0 || length > 1<<31 {
			return nil, errors.New("store: corrupt source map")
		}
		b = b[n+m:]
		for k := uint64(0); k < length; k++ {
			out = append(out, int32(start+k))
		}
	}
	return out, nil
}

// Save stores a document and everything extracted from it in one
// transaction, replacing an earlier extraction of the same content. A
// reissued notice (same 文号, other content) supersedes the earlier one.
//
// The reference rows (regions, specialties, institutions) come with the
// extraction (ex.References): the store saves what it is given.
func (s *Store) Save(ctx context.Context, doc *document.Document, ex *record.Extraction, version string) error {
	return s.SaveAll(ctx, []Item{{Doc: doc, Extraction: ex}}, version)
}

// Item is a document and its extraction, to save.
type Item struct {
	Doc        *document.Document
	Extraction *record.Extraction
}

// SaveAll saves several documents in one transaction: all of them or none
// (a group commit: the full-text index and the pages shared by documents
// are written once for the group).
func (s *Store) SaveAll(ctx context.Context, items []Item, version string) error {
	if len(items) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save %s: %w", items[0].Doc.Path, err)
	}
	defer tx.Rollback()
	stmts := map[string]*sql.Stmt{}
	for _, it := range items {
		w := newWriter(ctx, tx, it.Extraction.References)
		w.stmts = stmts
		if err := w.save(it.Doc, it.Extraction, version); err != nil {
			return fmt.Errorf("store: save %s: %w", it.Doc.Path, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: commit %s: %w", items[0].Doc.Path, err)
	}
	return nil
}

// writer writes in one transaction and keeps the first error.
type writer struct {
	tx  *sql.Tx
	ctx context.Context
	err error
	// the reference rows the writer may need, by code, id and name
	regions      map[string]record.RegionRef
	specialties  map[string]record.SpecialtyRef
	institutions map[string]record.InstitutionRef
	stmts        map[string]*sql.Stmt // prepared once per transaction: a document writes thousands of rows with a dozen statements
}

func newWriter(ctx context.Context, tx *sql.Tx, refs record.References) *writer {
	w := &writer{tx: tx, ctx: ctx, regions: map[string]record.RegionRef{},
		specialties: map[string]record.SpecialtyRef{}, institutions: map[string]record.InstitutionRef{}, stmts: map[string]*sql.Stmt{}}
	for _, r := range refs.Regions {
		w.regions[r.Code] = r
	}
	for _, sp := range refs.Specialties {
		w.specialties[sp.ID] = sp
	}
	for _, in := range refs.Institutions {
		w.institutions[in.Name] = in
	}
	return w
}

func (w *writer) exec(q string, args ...any) sql.Result {
	if w.err != nil {
		return nil
	}
	st, ok := w.stmts[q]
	if !ok {
		var err error
		if st, err = w.tx.PrepareContext(w.ctx, q); err != nil {
			w.err = fmt.Errorf("%s: %w", strings.Fields(q)[0]+" "+strings.Fields(q)[2], err)
			return nil
		}
		w.stmts[q] = st
	}
	r, err := st.ExecContext(w.ctx, args...)
	if err != nil {
		w.err = fmt.Errorf("%s: %w", strings.Fields(q)[0]+" "+strings.Fields(q)[2], err)
	}
	return r
}

func (w *writer) lastID(r sql.Result) int64 {
	if w.err != nil || r == nil {
		return 0
	}
	id, err := r.LastInsertId()
	if err != nil {
		w.err = err
	}
	return id
}

// region makes sure the row of a region given in the references (and its
// parents') exists and returns its code, or nil.
func (w *writer) region(code *string) any {
	if code == nil || w.err != nil {
		return nil
	}
	r, ok := w.regions[*code]
	if !ok {
		return nil
	}
	w.exec("INSERT OR IGNORE INTO regions(code, name, kind, parent) VALUES (?, ?, ?, ?)", r.Code, r.Name, r.Kind, nullStr(r.Parent))
	if r.Parent != "" {
		p := r.Parent
		w.region(&p)
	}
	return r.Code
}

// specialty makes sure the row of a specialty given in the references
// exists and returns its id, or nil.
func (w *writer) specialty(id *string) any {
	if id == nil || w.err != nil {
		return nil
	}
	sp, ok := w.specialties[*id]
	if !ok {
		return nil
	}
	w.exec("INSERT OR IGNORE INTO specialties(id, name) VALUES (?, ?)", sp.ID, sp.Name)
	return sp.ID
}

// institution makes sure an institution's row exists (with the canonical
// name and region the references give) and returns its id.
func (w *writer) institution(name string) int64 {
	if w.err != nil {
		return 0
	}
	canonical := name
	var code any
	if in, ok := w.institutions[name]; ok {
		canonical = in.Canonical
		if in.RegionCode != "" {
			c := in.RegionCode
			code = w.region(&c)
		}
	}
	w.exec("INSERT OR IGNORE INTO institutions(name, canonical, region_code) VALUES (?, ?, ?)", name, canonical, code)
	var id int64
	if w.err == nil {
		if err := w.tx.QueryRowContext(w.ctx, "SELECT id FROM institutions WHERE name = ?", name).Scan(&id); err != nil {
			w.err = err
		}
	}
	return id
}

// CenterKey identifies a center entity across documents: level, region
// (code, or name as written) and specialty (id, or name as written).
func CenterKey(level, regionCode, regionText, specialtyID, specialtyText *string) string {
	pick := func(a, b *string) string {
		if a != nil {
			return *a
		}
		if b != nil {
			return *b
		}
		return ""
	}
	return pick(level, nil) + "|" + pick(regionCode, regionText) + "|" + pick(specialtyID, specialtyText)
}

func (w *writer) center(c record.Center) int64 {
	if w.err != nil {
		return 0
	}
	key := CenterKey(c.Level, c.RegionCode, c.Region, c.SpecialtyID, c.Specialty)
	w.exec(`INSERT INTO centers(key, level, region_code, region_text, specialty_id, specialty_text, name) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT(key) DO UPDATE SET name = CASE WHEN length(excluded.name) > length(centers.name)
			OR (length(excluded.name) = length(centers.name) AND excluded.name < centers.name) THEN excluded.name ELSE centers.name END`,
		key, nullPtr(c.Level), w.region(c.RegionCode), nullPtr(c.Region), w.specialty(c.SpecialtyID), nullPtr(c.Specialty), c.Name)
	var id int64
	if w.err == nil {
		if err := w.tx.QueryRowContext(w.ctx, "SELECT id FROM centers WHERE key = ?", key).Scan(&id); err != nil {
			w.err = err
		}
	}
	return id
}

func (w *writer) save(doc *document.Document, ex *record.Extraction, version string) error {
	m := ex.Document
	// a re-extraction replaces the earlier rows of the same content
	w.exec("DELETE FROM findings WHERE document_id = (SELECT id FROM documents WHERE sha256 = ?)", doc.SHA256)
	w.exec("DELETE FROM documents WHERE sha256 = ?", doc.SHA256)
	var ps, pe any
	if m.Period != nil {
		ps, pe = m.Period.Start, m.Period.End
	}
	res := w.exec(`INSERT INTO documents(sha256, path, format, pages, engine, title, issuer, doc_number, kind, doc_date, period_start, period_end, province, province_code, extractor_version)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		doc.SHA256, doc.Path, doc.Format, doc.Pages, nullStr(doc.Engine), m.Title, nullPtr(m.Issuer), nullPtr(m.DocNumber), nullPtr(m.Kind),
		nullPtr(m.Date), ps, pe, nullPtr(m.Province), nullStr(m.ProvinceCode), version)
	docID := w.lastID(res)
	if b := ex.Basis; b != nil {
		w.exec("UPDATE documents SET basis_province = ?, basis_cities = ?, basis_partial_list = ? WHERE id = ?", b.Province, b.Cities, b.PartialList, docID)
	}
	w.exec("INSERT INTO document_text(document_id, text, source_map) VALUES (?, ?, ?)", docID, doc.Text, encodeSourceMap(doc.Source))
	for i, c := range doc.Confidence {
		w.exec("INSERT INTO document_pages(document_id, page, ocr_confidence) VALUES (?, ?, ?)", docID, i+1, c)
	}
	for i, f := range ex.Source.Furniture {
		w.exec("INSERT INTO document_furniture(document_id, position, page, text, role, side) VALUES (?, ?, ?, ?, ?, ?)",
			docID, i, f.Page, f.Text, nullStr(f.Role), nullStr(f.Side))
	}
	w.documentParts(docID, m.Parts)
	w.documentFields(docID, m.Fields)
	for _, a := range m.Attachments {
		w.exec("INSERT OR IGNORE INTO attachments(document_id, seq, title) VALUES (?, ?, ?)", docID, a.Seq, a.Title)
	}
	if key := noticeKey(m); key != "" {
		w.exec("UPDATE documents SET notice_key = ? WHERE id = ?", key, docID)
		// the same notice, other content (a reissue, another format): the
		// newer by date, then by ingest, supersedes
		w.exec(`UPDATE documents SET superseded_by = ? WHERE notice_key = ? AND id != ? AND superseded_by IS NULL
			AND COALESCE(doc_date, '') <= COALESCE(?, '')`, docID, key, docID, nullPtr(m.Date))
		// an older issue ingested after the newer one is superseded at once
		w.exec(`UPDATE documents SET superseded_by = (SELECT id FROM documents o WHERE o.notice_key = ? AND o.id != ?
			AND o.superseded_by IS NULL AND COALESCE(o.doc_date, '') > COALESCE(?, '') ORDER BY o.doc_date DESC LIMIT 1)
			WHERE id = ?`, key, docID, nullPtr(m.Date), docID)
	}
	for _, c := range ex.Counts {
		res := w.exec(`INSERT INTO counts(document_id, region_text, region_code, level, subject, value, qualifier, as_of, ranked, total, quote, span_start, span_end, page)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			docID, c.Region, w.region(c.RegionCode), nullPtr(c.Level), c.Subject, c.Value, c.Qualifier, nullPtr(c.AsOf), c.Ranked, c.Total,
			c.Quote, c.Span[0], c.Span[1], c.Page)
		w.provenance("counts", w.lastID(res), c.Evidence)
	}
	centerIDs := map[string]int64{}
	for _, c := range ex.Centers {
		cid := w.center(c)
		centerIDs[c.Name] = cid
		for _, a := range c.Aliases {
			centerIDs[a] = cid
		}
		res := w.exec(`INSERT INTO center_mentions(center_id, document_id, name, aliases, seq, source, established, quote, span_start, span_end, page)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			cid, docID, c.Name, nullStr(strings.Join(c.Aliases, "|")), nullInt(c.Seq), c.Source, nullPtr(c.Established), c.Quote, c.Span[0], c.Span[1], c.Page)
		mid := w.lastID(res)
		w.provenance("center_mentions", mid, c.Evidence)
		if len(c.Institutions) > 0 {
			w.exec("UPDATE center_mentions SET host_confidence = ?, host_rule = ? WHERE id = ?", c.HostConfidence, nullStr(c.HostRule), mid)
		}
		for i, in := range c.Institutions {
			w.exec("INSERT INTO center_hosts(mention_id, position, institution_id) VALUES (?, ?, ?)", mid, i, w.institution(in))
		}
	}
	for _, cov := range ex.Coverage {
		res := w.exec(`INSERT INTO coverage(document_id, region_text, region_code, level, built, quote, span_start, span_end, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			docID, cov.Region, w.region(cov.RegionCode), nullPtr(cov.Level), nullInt(cov.Built), cov.Quote, cov.Span[0], cov.Span[1], cov.Page)
		covID := w.lastID(res)
		w.provenance("coverage", covID, cov.Evidence)
		for i, sp := range cov.Missing {
			var id *string
			if i < len(cov.MissingIDs) && cov.MissingIDs[i] != "" {
				id = &cov.MissingIDs[i]
			}
			w.exec("INSERT INTO coverage_missing(coverage_id, position, specialty_text, specialty_id) VALUES (?, ?, ?, ?)", covID, i, sp, w.specialty(id))
		}
	}
	for _, a := range ex.Activities {
		var cid any
		if id, ok := centerIDs[a.Center]; ok {
			cid = id
		}
		var pv, pq any
		if a.Participants != nil {
			pv, pq = a.Participants.Value, a.Participants.Qualifier
		}
		res := w.exec(`INSERT INTO activities(document_id, center_id, center_text, start_date, end_date, participants, participants_qualifier, quote, span_start, span_end, page)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			docID, cid, a.Center, nullPtr(a.Start), nullPtr(a.End), pv, pq, a.Quote, a.Span[0], a.Span[1], a.Page)
		aid := w.lastID(res)
		w.provenance("activities", aid, a.Evidence)
		for i, p := range a.Places {
			w.exec("INSERT INTO activity_places(activity_id, position, place) VALUES (?, ?, ?)", aid, i, p)
		}
		for i, p := range a.People {
			w.exec("INSERT INTO activity_people(activity_id, position, name) VALUES (?, ?, ?)", aid, i, p)
		}
		for _, k := range a.Kinds {
			w.exec("INSERT OR IGNORE INTO activity_kinds(activity_id, kind) VALUES (?, ?)", aid, k)
		}
	}
	for _, f := range ex.Findings {
		w.saveFinding(f, docID)
	}
	w.exec("DELETE FROM ingest_errors WHERE sha256 = ?", doc.SHA256)
	return w.err
}

func (w *writer) saveFinding(f record.Finding, docID any) {
	w.exec("INSERT OR REPLACE INTO findings(id, document_id, kind, severity, subject, message) VALUES (?, ?, ?, ?, ?, ?)",
		f.ID, docID, f.Kind, f.Severity, nullStr(f.Subject), f.Message)
	w.exec("DELETE FROM finding_refs WHERE finding_id = ?", f.ID)
	for i, r := range f.Refs {
		w.exec("INSERT INTO finding_refs(finding_id, position, document_sha256, quote, span_start, span_end) VALUES (?, ?, ?, ?, ?, ?)",
			f.ID, i, r.Doc, r.Quote, r.Span[0], r.Span[1])
	}
}

// ReplaceStoreFindings replaces the findings that span documents (those
// with no document of their own) in one transaction.
func (s *Store) ReplaceStoreFindings(ctx context.Context, fs []record.Finding) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: save findings: %w", err)
	}
	defer tx.Rollback()
	w := newWriter(ctx, tx, record.References{})
	w.exec("DELETE FROM findings WHERE document_id IS NULL")
	for _, f := range fs {
		w.saveFinding(f, nil)
	}
	if w.err != nil {
		return fmt.Errorf("store: save findings: %w", w.err)
	}
	return tx.Commit()
}

// Ack marks a finding reviewed so that it leaves later reports.
func (s *Store) Ack(ctx context.Context, id, note string) error {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM findings WHERE id = ?", id).Scan(&n); err != nil {
		return fmt.Errorf("store: ack %s: %w", id, err)
	}
	if n == 0 {
		return fmt.Errorf("store: ack %s: no such finding", id)
	}
	_, err := s.db.ExecContext(ctx, "INSERT OR REPLACE INTO acks(finding_id, note) VALUES (?, ?)", id, nullStr(note))
	if err != nil {
		return fmt.Errorf("store: ack %s: %w", id, err)
	}
	return nil
}

// noticeKey identifies the notice a document is an issue of: its 文号, or
// its issuer, title and date together; "" when it cannot be told.
func noticeKey(m record.Meta) string {
	if m.DocNumber != nil {
		return *m.DocNumber
	}
	if m.Issuer != nil && m.Title != "" && m.Date != nil {
		return *m.Issuer + "|" + m.Title + "|" + *m.Date
	}
	return ""
}
