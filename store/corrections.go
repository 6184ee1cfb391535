package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"qcweave/record"
)

// Kinds of records a reviewer can correct.
const (
	KindCount    = "count"
	KindCenter   = "center"
	KindCoverage = "coverage"
	KindActivity = "activity"
)

// Actions of a correction.
const (
	ActionSet    = "set"    // change one field of a record
	ActionDelete = "delete" // a spurious record
	ActionAdd    = "add"    // a missing record, made from its quote
)

// Correctable fields: what a reviewer can change, per kind of record.
const (
	FieldHost   = "host"   // a center's host institutions, 、-separated
	FieldValue  = "value"  // a count's value, a coverage row's built
	FieldDate   = "date"   // a count's as_of, a center's established, an activity's start
	FieldLevel  = "level"  // 国家级/省级/市级/县级
	FieldRegion = "region" // the region as written
	// FieldMissing is a coverage row's specialties not yet built, as
	// written and 、-separated
	FieldMissing = "missing"
)

// Fields returns the fields a reviewer can correct on a kind of record.
func Fields(kind string) []string {
	switch kind {
	case KindCount:
		return []string{FieldValue, FieldDate, FieldLevel, FieldRegion}
	case KindCenter:
		return []string{FieldHost, FieldDate, FieldLevel, FieldRegion}
	case KindCoverage:
		return []string{FieldValue, FieldLevel, FieldRegion, FieldMissing}
	case KindActivity:
		return []string{FieldDate}
	}
	return nil
}

// RecordKey is a record's identity within its document and kind: the
// field that names it as written (a count's or coverage row's region, a
// center's name, an activity's center) and its quote. Row ids change when
// a document is ingested again; the document's sha256, the kind and this
// key do not, unless the extractor now reads the record otherwise — and
// then a correction of it is listed as unmatched (UnmatchedCorrections).
func RecordKey(name, quote string) string { return name + "|" + quote }

// keyQueries finds a record of each kind by document and key, in SQL.
var keyQueries = map[string]string{
	KindCount:    `SELECT 1 FROM counts c JOIN documents d ON d.id = c.document_id WHERE d.sha256 = ? AND c.region_text || '|' || c.quote = ?`,
	KindCenter:   `SELECT 1 FROM center_mentions m JOIN documents d ON d.id = m.document_id WHERE d.sha256 = ? AND m.name || '|' || m.quote = ?`,
	KindCoverage: `SELECT 1 FROM coverage c JOIN documents d ON d.id = c.document_id WHERE d.sha256 = ? AND c.region_text || '|' || c.quote = ?`,
	KindActivity: `SELECT 1 FROM activities a JOIN documents d ON d.id = a.document_id WHERE d.sha256 = ? AND a.center_text || '|' || a.quote = ?`,
}

// Correction is a reviewer's change to one record, kept apart from what
// the extraction found: who, when, why, before and after.
type Correction struct {
	ID     int64
	Doc    string // document sha256
	Kind   string // count, center, coverage, activity
	Key    string // RecordKey of the record
	Action string // set, delete, add
	Field  string // set: the field changed
	Before string // set: the value before
	After  string // set: the value after; add: the record's fields as JSON
	Quote  string // add: the quote selected
	Span   record.Span
	By     string
	At     string // RFC 3339, UTC
	Note   string
}

// ConflictError is returned when a record was corrected by someone else
// since the reviewer saw it: nothing is written.
type ConflictError struct {
	Latest Correction
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("store: %s corrected this record at %s (%s %s → %q); reload to see it", e.Latest.By, e.Latest.At,
		e.Latest.Action, e.Latest.Field, e.Latest.After)
}

// ErrUnknownKind is returned for a correction of no known kind, action or field.
var ErrUnknownKind = errors.New("store: unknown kind of correction")

const correctionCols = `id, document_sha256, kind, record_key, action, field, COALESCE(before, ''), COALESCE(after, ''), quote,
	COALESCE(span_start, 0), COALESCE(span_end, 0), reviewer, at, note`

func scanCorrection(r interface{ Scan(...any) error }) (Correction, error) {
	var c Correction
	err := r.Scan(&c.ID, &c.Doc, &c.Kind, &c.Key, &c.Action, &c.Field, &c.Before, &c.After, &c.Quote, &c.Span[0], &c.Span[1], &c.By, &c.At, &c.Note)
	return c, err
}

// Correct stores a correction when the record's latest correction is still
// base (0: the record had none when the reviewer saw it); otherwise it
// writes nothing and returns a *ConflictError naming the other change.
// It returns the correction with its id.
func (s *Store) Correct(ctx context.Context, c Correction, base int64) (Correction, error) {
	if _, ok := keyQueries[c.Kind]; !ok {
		return c, fmt.Errorf("%w: kind %q", ErrUnknownKind, c.Kind)
	}
	switch c.Action {
	case ActionSet:
		found := false
		for _, f := range Fields(c.Kind) {
			found = found || f == c.Field
		}
		if !found {
			return c, fmt.Errorf("%w: field %q of a %s", ErrUnknownKind, c.Field, c.Kind)
		}
	case ActionDelete, ActionAdd:
		c.Field = ""
	default:
		return c, fmt.Errorf("%w: action %q", ErrUnknownKind, c.Action)
	}
	if c.Doc == "" || c.Key == "" || c.By == "" || c.At == "" {
		return c, fmt.Errorf("store: correct: document, record, reviewer and time are required")
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, fmt.Errorf("store: correct: %w", err)
	}
	defer tx.Rollback()
	latest, err := scanCorrection(tx.QueryRowContext(ctx, `SELECT `+correctionCols+` FROM corrections
		WHERE document_sha256 = ? AND kind = ? AND record_key = ? ORDER BY id DESC LIMIT 1`, c.Doc, c.Kind, c.Key))
	switch {
	case errors.Is(err, sql.ErrNoRows):
		latest.ID = 0
	case err != nil:
		return c, fmt.Errorf("store: correct: %w", err)
	}
	if latest.ID != base {
		return c, &ConflictError{Latest: latest}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO corrections(document_sha256, kind, record_key, action, field, before, after, quote, span_start, span_end, reviewer, at, note)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Doc, c.Kind, c.Key, c.Action, c.Field, c.Before, c.After, c.Quote, c.Span[0], c.Span[1], c.By, c.At, c.Note)
	if err != nil {
		return c, fmt.Errorf("store: correct: %w", err)
	}
	if c.ID, err = res.LastInsertId(); err != nil {
		return c, fmt.Errorf("store: correct: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return c, fmt.Errorf("store: correct: %w", err)
	}
	return c, nil
}

// Corrections returns the corrections of one document ("" for all), oldest
// first.
func (s *Store) Corrections(ctx context.Context, doc string) ([]Correction, error) {
	return queryCorrections(ctx, s.db, doc)
}

func queryCorrections(ctx context.Context, db Querier, doc string) ([]Correction, error) {
	q := `SELECT ` + correctionCols + ` FROM corrections`
	var args []any
	if doc != "" {
		q += ` WHERE document_sha256 = ?`
		args = append(args, doc)
	}
	rows, err := db.QueryContext(ctx, q+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: corrections: %w", err)
	}
	defer rows.Close()
	var out []Correction
	for rows.Next() {
		c, err := scanCorrection(rows)
		if err != nil {
			return nil, fmt.Errorf("store: corrections: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Applied is what the corrections of one record say now: the latest value
// of each corrected field, and whether the record was deleted (or, for an
// added one, its addition).
type Applied struct {
	Latest  int64                 // id of the record's latest correction (the base of the next)
	Fields  map[string]Correction // by field: its latest set
	Deleted *Correction
	Added   *Correction
}

// AddedFields returns the fields of a record a reviewer added (the
// correction's After: JSON of strings keyed by correctable field, "name"
// for the name it is known by, as serve writes it); empty for any other
// correction.
func (c Correction) AddedFields() map[string]string {
	fields := map[string]string{}
	json.Unmarshal([]byte(c.After), &fields)
	return fields
}

// Corrected reports whether the record was changed by a reviewer.
func (a *Applied) Corrected() bool {
	return a != nil && (len(a.Fields) > 0 || a.Deleted != nil || a.Added != nil)
}

// Last returns the latest of the record's corrections, for who, when and
// why.
func (a *Applied) Last() Correction {
	var last Correction
	for _, c := range a.Fields {
		if c.ID > last.ID {
			last = c
		}
	}
	for _, c := range []*Correction{a.Deleted, a.Added} {
		if c != nil && c.ID > last.ID {
			last = *c
		}
	}
	return last
}

// CorrectionSet holds every correction of a store, by record, to apply
// them to what is read (views, exports, the report). Corrections are
// people's work: a store holds few of them.
type CorrectionSet struct {
	records map[[3]string]*Applied
	added   map[string][]Correction // by kind, in id order
}

// Querier reads a store: its database (Store.DB), or one connection of it
// inside a read transaction, where every query sees the store at one
// moment.
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// LoadCorrections reads every correction of the store behind db.
func LoadCorrections(ctx context.Context, db Querier) (*CorrectionSet, error) {
	cs, err := queryCorrections(ctx, db, "")
	if err != nil {
		return nil, err
	}
	return newCorrectionSet(cs), nil
}

// newCorrectionSet groups corrections, oldest first, by record.
func newCorrectionSet(cs []Correction) *CorrectionSet {
	set := &CorrectionSet{records: map[[3]string]*Applied{}, added: map[string][]Correction{}}
	for _, c := range cs {
		k := [3]string{c.Doc, c.Kind, c.Key}
		a := set.records[k]
		if a == nil {
			a = &Applied{Fields: map[string]Correction{}}
			set.records[k] = a
		}
		a.Latest = c.ID
		switch c.Action {
		case ActionSet:
			a.Fields[c.Field] = c
		case ActionDelete:
			cc := c
			a.Deleted = &cc
		case ActionAdd:
			cc := c
			a.Added = &cc
			set.added[c.Kind] = append(set.added[c.Kind], c)
		}
	}
	return set
}

// Lookup returns the corrections of one record, or nil.
func (cs *CorrectionSet) Lookup(doc, kind, key string) *Applied {
	if cs == nil {
		return nil
	}
	return cs.records[[3]string{doc, kind, key}]
}

// Added returns the records of a kind that reviewers added and did not
// delete again, in the order they were added.
func (cs *CorrectionSet) Added(kind string) []Correction {
	if cs == nil {
		return nil
	}
	var out []Correction
	for _, c := range cs.added[kind] {
		if a := cs.Lookup(c.Doc, c.Kind, c.Key); a != nil && a.Deleted != nil {
			continue
		}
		out = append(out, c)
	}
	return out
}

// Empty reports whether there is no correction at all.
func (cs *CorrectionSet) Empty() bool { return cs == nil || len(cs.records) == 0 }

// UnmatchedCorrections returns the changes and deletions whose record is
// no longer in the store — its document was removed, or the extractor now
// reads it otherwise — so that a reviewer can redo them: they are listed,
// never dropped.
func (s *Store) UnmatchedCorrections(ctx context.Context) ([]Correction, error) {
	all, err := s.Corrections(ctx, "")
	if err != nil {
		return nil, err
	}
	seen := map[[3]string]bool{}
	var out []Correction
	for _, c := range all {
		if c.Action == ActionAdd {
			continue
		}
		k := [3]string{c.Doc, c.Kind, c.Key}
		if _, done := seen[k]; !done {
			var one int
			err := s.db.QueryRowContext(ctx, keyQueries[c.Kind], c.Doc, c.Key).Scan(&one)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				seen[k] = false
			case err != nil:
				return nil, fmt.Errorf("store: unmatched corrections: %w", err)
			default:
				seen[k] = true
			}
		}
		if !seen[k] {
			out = append(out, c)
		}
	}
	return out, nil
}

// Finding review statuses.
const (
	Confirmed = "confirmed"
	Dismissed = "dismissed"
)

// Review is a reviewer's verdict on a finding.
type Review struct {
	FindingID, Status, By, At, Note string
}

// Reviews returns the reviews of the given findings, by finding id.
func (s *Store) Reviews(ctx context.Context, ids []string) (map[string]Review, error) {
	out := map[string]Review{}
	st, err := s.db.PrepareContext(ctx, `SELECT status, reviewer, at, note FROM finding_reviews WHERE finding_id = ?`)
	if err != nil {
		return nil, fmt.Errorf("store: reviews: %w", err)
	}
	defer st.Close()
	for _, id := range ids {
		r := Review{FindingID: id}
		err := st.QueryRowContext(ctx, id).Scan(&r.Status, &r.By, &r.At, &r.Note)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: reviews: %w", err)
		}
		out[id] = r
	}
	return out, nil
}

// ReviewConflict is a finding that someone else reviewed since the
// reviewer saw it.
type ReviewConflict struct {
	Latest Review
}

// ReviewFindings confirms or dismisses findings in one transaction: each
// id with the status the reviewer saw ("" for none). A finding reviewed
// by someone else since then is left as it is and returned as a conflict.
// A dismissed finding is acknowledged too, so that it leaves check and
// the report; a confirmed one stays in them.
func (s *Store) ReviewFindings(ctx context.Context, seen map[string]string, status, by, at, note string) ([]ReviewConflict, error) {
	if status != Confirmed && status != Dismissed {
		return nil, fmt.Errorf("%w: review status %q", ErrUnknownKind, status)
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("store: review: %w", err)
	}
	defer tx.Rollback()
	ids := make([]string, 0, len(seen))
	for id := range seen {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var conflicts []ReviewConflict
	for _, id := range ids {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM findings WHERE id = ?`, id).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: review %s: %w", id, err)
		}
		if n == 0 {
			return nil, fmt.Errorf("store: review %s: no such finding", id)
		}
		cur := Review{FindingID: id}
		err := tx.QueryRowContext(ctx, `SELECT status, reviewer, at, note FROM finding_reviews WHERE finding_id = ?`, id).Scan(&cur.Status, &cur.By, &cur.At, &cur.Note)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("store: review %s: %w", id, err)
		}
		if cur.Status != seen[id] {
			conflicts = append(conflicts, ReviewConflict{Latest: cur})
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO finding_reviews(finding_id, status, reviewer, at, note) VALUES (?, ?, ?, ?, ?)`,
			id, status, by, at, note); err != nil {
			return nil, fmt.Errorf("store: review %s: %w", id, err)
		}
		if status == Dismissed {
			_, err = tx.ExecContext(ctx, `INSERT OR REPLACE INTO acks(finding_id, note) VALUES (?, ?)`, id, nullStr(note))
		} else {
			_, err = tx.ExecContext(ctx, `DELETE FROM acks WHERE finding_id = ?`, id)
		}
		if err != nil {
			return nil, fmt.Errorf("store: review %s: %w", id, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("store: review: %w", err)
	}
	return conflicts, nil
}
