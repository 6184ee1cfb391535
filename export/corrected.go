package export

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"qcweave/store"
)

// correctedField is the last column of every dataset of records: true
// when a reviewer changed, or added, the row.
const correctedField = "corrected"

// recordDatasets names, per dataset of records, its kind of record and the
// column that names a record as written (with the quote, its identity:
// store.RecordKey).
var recordDatasets = map[string]struct{ kind, name string }{
	"counts":     {store.KindCount, "region"},
	"centers":    {store.KindCenter, "name"},
	"coverage":   {store.KindCoverage, "region"},
	"activities": {store.KindActivity, "center"},
}

// fieldColumns maps a correctable field to the dataset column it changes,
// per kind; columns derived from the one changed are cleared with it.
var fieldColumns = map[string]map[string][]string{
	store.KindCount:    {store.FieldValue: {"value"}, store.FieldDate: {"as_of"}, store.FieldLevel: {"level"}, store.FieldRegion: {"region", "region_full", "region_code"}},
	store.KindCenter:   {store.FieldHost: {"institutions"}, store.FieldDate: {"established"}, store.FieldLevel: {"level"}, store.FieldRegion: {"region", "region_code"}},
	store.KindCoverage: {store.FieldValue: {"built"}, store.FieldLevel: {"level"}, store.FieldRegion: {"region", "region_code"}, store.FieldMissing: {"missing", "missing_ids", "missing_count"}},
	store.KindActivity: {store.FieldDate: {"start"}},
}

// withCorrected adds the corrected column to the datasets of records.
func withCorrected(dss []Dataset) []Dataset {
	for i, ds := range dss {
		if _, ok := recordDatasets[ds.Name]; ok {
			ds.Fields = append(append([]Field(nil), ds.Fields...), Field{correctedField, "boolean", "a reviewer changed or added this row (qcweave serve)"})
			dss[i] = ds
		}
	}
	return dss
}

// corrector applies reviewers' corrections to the rows of one dataset.
type corrector struct {
	kind    string
	set     *store.CorrectionSet
	index   map[string]int // column by name
	name    int            // the column that, with the quote, identifies a record
	nameCol string
	docs    map[string][2]string // title and file name of the documents of added rows
}

// newCorrector returns the corrector of ds, or nil for a dataset without
// corrections.
func newCorrector(ctx context.Context, db store.Querier, ds Dataset) (*corrector, error) {
	rd, ok := recordDatasets[ds.Name]
	if !ok || len(ds.Fields) == 0 || ds.Fields[len(ds.Fields)-1].Name != correctedField {
		return nil, nil
	}
	set, err := store.LoadCorrections(ctx, db)
	if err != nil {
		return nil, err
	}
	c := &corrector{kind: rd.kind, set: set, index: map[string]int{}}
	for i, f := range ds.Fields {
		c.index[f.Name] = i
	}
	c.name, c.nameCol = c.index[rd.name], rd.name
	// an added row names its document as the others do
	c.docs = map[string][2]string{}
	for _, a := range set.Added(rd.kind) {
		if _, ok := c.docs[a.Doc]; ok {
			continue
		}
		var title, path sql.NullString
		err := db.QueryRowContext(ctx, `SELECT title, path FROM documents WHERE sha256 = ?`, a.Doc).Scan(&title, &path)
		if err != nil && err != sql.ErrNoRows {
			return nil, err
		}
		c.docs[a.Doc] = [2]string{title.String, filepath.Base(path.String)}
	}
	return c, nil
}

// columns is how many columns the dataset's query returns.
func (c *corrector) columns(ds Dataset) int {
	if c == nil {
		return len(ds.Fields)
	}
	return len(ds.Fields) - 1
}

// apply corrects a row in place (row has room for the corrected column)
// and reports whether it is kept.
func (c *corrector) apply(row []*string) bool {
	no, yes := "false", "true"
	row[len(row)-1] = &no
	if c.set.Empty() {
		return true
	}
	str := func(i int) string {
		if row[i] == nil {
			return ""
		}
		return *row[i]
	}
	a := c.set.Lookup(str(c.index[docFK]), c.kind, store.RecordKey(str(c.name), str(c.index["quote"])))
	if !a.Corrected() {
		return true
	}
	if a.Deleted != nil {
		return false
	}
	for field, corr := range a.Fields {
		cols := fieldColumns[c.kind][field]
		for j, col := range cols {
			i, ok := c.index[col]
			if !ok {
				continue
			}
			if j == 0 {
				v := corr.After
				row[i] = &v
				if v == "" {
					row[i] = nil
				}
			} else {
				row[i] = nil
			}
		}
	}
	if corr, ok := a.Fields[store.FieldMissing]; ok {
		if i, ok := c.index["missing_count"]; ok {
			n := strconv.Itoa(len(listItems(corr.After)))
			row[i] = &n
		}
	}
	row[len(row)-1] = &yes
	return true
}

// listItems splits a list a reviewer typed (、，, or ; between items).
func listItems(s string) []string {
	var out []string
	for _, x := range strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,;；", r) }) {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// added returns the rows reviewers added, as the dataset's columns: an
// added record's fields are JSON keyed by correctable field ("name" for
// the name it is known by), and a later change of a field applies too.
func (c *corrector) added(ncols int) ([][]*string, error) {
	var out [][]*string
	for _, a := range c.set.Added(c.kind) {
		var fields map[string]string
		if err := json.Unmarshal([]byte(a.After), &fields); err != nil {
			return nil, fmt.Errorf("correction %d: %w", a.ID, err)
		}
		if ap := c.set.Lookup(a.Doc, a.Kind, a.Key); ap != nil {
			for f, corr := range ap.Fields {
				fields[f] = corr.After
			}
		}
		row := make([]*string, ncols)
		set := func(col, v string) {
			if i, ok := c.index[col]; ok && v != "" {
				row[i] = &v
			}
		}
		for _, k := range sortedKeys(fields) {
			if k == "name" {
				set(c.nameCol, fields[k])
			} else if cols := fieldColumns[c.kind][k]; len(cols) > 0 {
				set(cols[0], fields[k])
			}
		}
		if v, ok := fields[store.FieldMissing]; ok && c.kind == store.KindCoverage {
			set("missing_count", strconv.Itoa(len(listItems(v))))
		}
		set(docFK, a.Doc)
		if d, ok := c.docs[a.Doc]; ok && d[1] != "." {
			set("document_title", d[0])
			set("file", d[1])
		}
		set("quote", a.Quote)
		set("span_start", fmt.Sprint(a.Span[0]))
		set("span_end", fmt.Sprint(a.Span[1]))
		yes := "true"
		row[ncols-1] = &yes
		out = append(out, row)
	}
	return out, nil
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
