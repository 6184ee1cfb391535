package export

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Options select the output.
type Options struct {
	Format string // csv or json
	Dir    string
	BOM    bool // csv: start each file with a UTF-8 BOM for Excel
}

// Write exports every dataset of db into opts.Dir and returns the paths
// written, in order.
func Write(ctx context.Context, db *sql.DB, opts Options) ([]string, error) {
	if opts.Format != "csv" && opts.Format != "json" {
		return nil, fmt.Errorf("export: unknown format %q (want csv or json)", opts.Format)
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("export: %w", err)
	}
	var files []string
	for _, ds := range Datasets() {
		rows, err := query(ctx, db, ds)
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		name := ds.Name + "." + opts.Format
		switch opts.Format {
		case "csv":
			err = writeCSV(&buf, ds, rows, opts.BOM)
		case "json":
			err = writeJSON(&buf, ds, rows)
		}
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", ds.Name, err)
		}
		path := filepath.Join(opts.Dir, name)
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		files = append(files, path)
	}
	if opts.Format == "json" || opts.Format == "csv" {
		path := filepath.Join(opts.Dir, "datapackage.json")
		b, err := datapackage(opts.Format)
		if err != nil {
			return nil, err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return nil, fmt.Errorf("export: %w", err)
		}
		files = append(files, path)
	}
	return files, nil
}

// query returns a dataset's rows as strings; nil for NULL.
func query(ctx context.Context, db *sql.DB, ds Dataset) ([][]*string, error) {
	rows, err := db.QueryContext(ctx, ds.Query)
	if err != nil {
		return nil, fmt.Errorf("export %s: %w", ds.Name, err)
	}
	defer rows.Close()
	var out [][]*string
	for rows.Next() {
		vals := make([]sql.NullString, len(ds.Fields))
		ptrs := make([]any, len(vals))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("export %s: %w", ds.Name, err)
		}
		row := make([]*string, len(vals))
		for i, v := range vals {
			if v.Valid {
				s := v.String
				row[i] = &s
			}
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

func writeCSV(buf *bytes.Buffer, ds Dataset, rows [][]*string, bom bool) error {
	if bom {
		buf.WriteString("\ufeff")
	}
	w := csv.NewWriter(buf)
	head := make([]string, len(ds.Fields))
	for i, f := range ds.Fields {
		head[i] = f.Name
	}
	if err := w.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(ds.Fields))
	for _, r := range rows {
		for i, v := range r {
			rec[i] = ""
			if v != nil {
				rec[i] = *v
			}
		}
		if err := w.Write(rec); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
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
	}
	return *v
}

func writeJSON(buf *bytes.Buffer, ds Dataset, rows [][]*string) error {
	buf.WriteString("[")
	for i, r := range rows {
		if i > 0 {
			buf.WriteString(",")
		}
		buf.WriteString("\n  {")
		for j, f := range ds.Fields {
			if j > 0 {
				buf.WriteString(", ")
			}
			k, _ := json.Marshal(f.Name)
			var vb bytes.Buffer
			enc := json.NewEncoder(&vb)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(jsonValue(f, r[j])); err != nil {
				return err
			}
			buf.Write(k)
			buf.WriteString(": ")
			buf.Write(bytes.TrimRight(vb.Bytes(), "\n"))
		}
		buf.WriteString("}")
	}
	buf.WriteString("\n]\n")
	return nil
}

// datapackage describes the exported files after the Frictionless Data
// Package spec, with a table schema per resource.
func datapackage(format string) ([]byte, error) {
	type schema struct {
		Fields      []Field      `json:"fields"`
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
	for _, ds := range Datasets() {
		pkg.Resources = append(pkg.Resources, resource{
			Name: ds.Name, Title: ds.Title, Path: ds.Name + "." + format, Format: format, Mediatype: media[format], Encoding: "utf-8",
			Profile: "tabular-data-resource",
			Schema:  schema{Fields: ds.Fields, PrimaryKey: ds.PrimaryKey, ForeignKeys: ds.ForeignKeys},
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
