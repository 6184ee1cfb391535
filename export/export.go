package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"qcweave/internal/atomicfile"
	"qcweave/store"
)

// Options select the output.
type Options struct {
	Format string // csv or json
	Dir    string
	BOM    bool // csv: start each file with a UTF-8 BOM, as Excel needs to read UTF-8
}

// Write exports every dataset of db into opts.Dir and returns the paths
// written, in order. The files appear together, after all of them have
// been written (atomicfile.Set): an export killed midway leaves the
// earlier set as it was.
func Write(ctx context.Context, db *sql.DB, opts Options) ([]string, error) {
	if opts.Format != "csv" && opts.Format != "json" {
		return nil, fmt.Errorf("export: unknown format %q (want csv or json)", opts.Format)
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var set atomicfile.Set
	var files []string
	err := snapshot(ctx, db, func(q store.Querier) error {
		for _, ds := range Datasets() {
			path := filepath.Join(opts.Dir, ds.Name+"."+opts.Format)
			err := set.Add(path, 0o644, func(w io.Writer) error {
				if opts.Format == "csv" {
					return writeCSV(ctx, q, w, ds, opts.BOM)
				}
				return writeJSON(ctx, q, w, ds)
			})
			if err != nil {
				return fmt.Errorf("export %s: %w", ds.Name, err)
			}
			files = append(files, path)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	path := filepath.Join(opts.Dir, "datapackage.json")
	b, err := datapackage(opts.Format, opts.BOM)
	if err != nil {
		set.Abort()
		return nil, err
	}
	if err := set.Add(path, 0o644, func(w io.Writer) error { _, err := w.Write(b); return err }); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	files = append(files, path)
	if err := set.Commit(); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	return files, nil
}

// snapshot runs fn over one read transaction of db, on a connection of
// its own: every query of fn sees the store at one moment, so that the
// datasets of an export taken while an ingest commits agree (each row's
// document is in documents). BEGIN DEFERRED takes no write lock, even on
// a store opened for writing; nothing is written, and the transaction is
// rolled back.
func snapshot(ctx context.Context, db *sql.DB, fn func(store.Querier) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN DEFERRED"); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer conn.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
	return fn(conn)
}

// writeFile writes one file through fn (atomicfile.Write): rows stream
// from the store to the disk, and a failed export leaves no half file.
func writeFile(path string, fn func(io.Writer) error) error {
	return atomicfile.Write(path, 0o644, fn)
}

// eachRow runs a dataset's query and calls fn for every row, as strings
// (nil for NULL), one row in memory at a time.
func eachRow(ctx context.Context, db store.Querier, ds Dataset, fn func([]*string) error) error {
	// reviewers' corrections are applied to the rows of records (a
	// corrected column says which), and the records they added follow
	corr, err := newCorrector(ctx, db, ds)
	if err != nil {
		return err
	}
	rows, err := db.QueryContext(ctx, ds.Query)
	if err != nil {
		return err
	}
	defer rows.Close()
	vals := make([]sql.NullString, corr.columns(ds))
	ptrs := make([]any, len(vals))
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	row := make([]*string, len(ds.Fields))
	strs := make([]string, len(vals))
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		for i, v := range vals {
			row[i] = nil
			if v.Valid {
				strs[i] = v.String
				row[i] = &strs[i]
			}
		}
		if corr != nil && !corr.apply(row) {
			continue
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if corr != nil {
		added, err := corr.added(len(ds.Fields))
		if err != nil {
			return err
		}
		for _, r := range added {
			if err := fn(r); err != nil {
				return err
			}
		}
	}
	return nil
}

func writeCSV(ctx context.Context, db store.Querier, out io.Writer, ds Dataset, bom bool) error {
	if bom {
		if _, err := io.WriteString(out, "\ufeff"); err != nil {
			return err
		}
	}
	w := csv.NewWriter(out)
	head := make([]string, len(ds.Fields))
	for i, f := range ds.Fields {
		head[i] = f.Name
	}
	if err := w.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(ds.Fields))
	err := eachRow(ctx, db, ds, func(r []*string) error {
		for i, v := range r {
			rec[i] = ""
			if v != nil {
				rec[i] = CSVCell(*v)
			}
		}
		return w.Write(rec)
	})
	if err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}

// CSVCell neutralizes a text cell that a spreadsheet would take for a
// formula (OWASP's advice on CSV injection): one that starts with =, +, -,
// @, a tab or a carriage return gets a leading apostrophe, unless it is a
// plain number (-3). Every CSV file qcweave writes passes its cells
// through it.
func CSVCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err == nil && s[0] != '\t' && s[0] != '\r' {
			return s
		}
		return "'" + s
	}
	return s
}

// jsonValue converts a cell to its JSON type.
func jsonValue(f Field, v *string) any {
	if v == nil {
		return nil
	}
	switch f.Type {
	case "integer":
		if n, err := strconv.ParseInt(*v, 10, 64); err == nil {
			return n
		}
	case "boolean":
		return *v == "true" || *v == "1"
	case "number":
		if x, err := strconv.ParseFloat(*v, 64); err == nil {
			return x
		}
	case "array":
		if json.Valid([]byte(*v)) {
			return json.RawMessage(*v)
		}
	}
	return *v
}

func writeJSON(ctx context.Context, db store.Querier, out io.Writer, ds Dataset) error {
	var buf bytes.Buffer // one row at a time
	keys := make([][]byte, len(ds.Fields))
	for j, f := range ds.Fields {
		keys[j], _ = json.Marshal(f.Name)
	}
	var vb bytes.Buffer
	enc := json.NewEncoder(&vb)
	enc.SetEscapeHTML(false)
	n := 0
	if _, err := io.WriteString(out, "["); err != nil {
		return err
	}
	err := eachRow(ctx, db, ds, func(r []*string) error {
		buf.Reset()
		if n > 0 {
			buf.WriteString(",")
		}
		n++
		buf.WriteString("\n  {")
		for j, f := range ds.Fields {
			if j > 0 {
				buf.WriteString(", ")
			}
			vb.Reset()
			if err := enc.Encode(jsonValue(f, r[j])); err != nil {
				return err
			}
			buf.Write(keys[j])
			buf.WriteString(": ")
			buf.Write(bytes.TrimRight(vb.Bytes(), "\n"))
		}
		buf.WriteString("}")
		_, err := out.Write(buf.Bytes())
		return err
	})
	if err != nil {
		return err
	}
	_, err = io.WriteString(out, "\n]\n")
	return err
}

// datapackage describes the exported files after the Frictionless Data
// Package spec, with a table schema per resource whose fields have their
// Chinese titles; CSV files that start with a BOM are "utf-8-sig".
func datapackage(format string, bom bool) ([]byte, error) {
	type field struct {
		Name        string `json:"name"`
		Title       string `json:"title"`
		Type        string `json:"type"`
		Description string `json:"description,omitempty"`
	}
	type schema struct {
		Fields      []field      `json:"fields"`
		PrimaryKey  []string     `json:"primaryKey"`
		ForeignKeys []ForeignKey `json:"foreignKeys,omitempty"`
	}
	type resource struct {
		Name      string `json:"name"`
		Title     string `json:"title"`
		Path      string `json:"path"`
		Format    string `json:"format"`
		Mediatype string `json:"mediatype"`
		Encoding  string `json:"encoding"`
		Profile   string `json:"profile"`
		Schema    schema `json:"schema"`
	}
	pkg := struct {
		Profile   string     `json:"profile"`
		Name      string     `json:"name"`
		Title     string     `json:"title"`
		Resources []resource `json:"resources"`
	}{Profile: "tabular-data-package", Name: "qcweave", Title: "医疗质控中心数据 (qcweave)"}
	media := map[string]string{"csv": "text/csv", "json": "application/json"}
	encoding := "utf-8"
	if format == "csv" && bom {
		encoding = "utf-8-sig" // UTF-8 that starts with a byte-order mark
	}
	for _, ds := range Datasets() {
		fields := make([]field, len(ds.Fields))
		for i, f := range ds.Fields {
			fields[i] = field{Name: f.Name, Title: FieldTitle(f.Name), Type: f.Type, Description: f.Description}
		}
		pkg.Resources = append(pkg.Resources, resource{
			Name: ds.Name, Title: ds.Title, Path: ds.Name + "." + format, Format: format, Mediatype: media[format], Encoding: encoding,
			Profile: "tabular-data-resource",
			Schema:  schema{Fields: fields, PrimaryKey: ds.PrimaryKey, ForeignKeys: ds.ForeignKeys},
		})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(pkg); err != nil {
		return nil, fmt.Errorf("export: datapackage: %w", err)
	}
	return buf.Bytes(), nil
}
