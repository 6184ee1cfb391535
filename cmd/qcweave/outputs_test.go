package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// seededDB ingests the two seed notices into a fresh store.
func seededDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "q.db")
	code, _, stderr := runCmd(t, context.Background(), "ingest", "--db", db,
		"../../testdata/seeds/000_51d78471b3c374dd.txt", "../../testdata/seeds/003_8bcd6cef6928f5fe.txt")
	if code != 0 {
		t.Fatal(stderr)
	}
	return db
}

func TestExportXLSX(t *testing.T) {
	db := seededDB(t)
	out := t.TempDir()
	if code, _, stderr := runCmd(t, context.Background(), "export", "--db", db, "--format", "xlsx", "--out", out); code != 0 {
		t.Fatal(stderr)
	}
	f, err := excelize.OpenFile(filepath.Join(out, "qcweave.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want := []string{"文件", "数量", "质控中心", "组建情况", "活动", "问题线索", "字段来源", "公文要素", "覆盖矩阵"}
	if got := f.GetSheetList(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	rows, err := f.GetRows("质控中心")
	if err != nil {
		t.Fatal(err)
	}
	// the header is in Chinese; the hash has the title and file name beside it
	if len(rows) < 64 || rows[0][0] != "文件 SHA-256" || rows[0][1] != "文件标题" || rows[0][2] != "文件名" || rows[0][4] != "名称" {
		t.Fatalf("centers sheet: %d rows, header %q", len(rows), rows[0])
	}
	found := false
	for _, r := range rows {
		if len(r) > 12 && r[4] == "河南省儿科及小儿外科医疗质量控制中心" && r[12] == "河南省妇幼保健院、河南省儿童医院" &&
			r[2] == "000_51d78471b3c374dd.txt" && strings.Contains(r[1], "质控织网") {
			found = true
		}
	}
	if !found {
		t.Error("the two-host row of 儿科及小儿外科 is not in the centers sheet")
	}
	panes, err := f.GetPanes("质控中心")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	// dates are Excel dates: the cell holds a serial number with a date format
	acts, _ := f.GetRows("活动", excelize.Options{RawCellValue: true})
	if len(acts) < 2 || strings.Contains(acts[1][3], "-") {
		t.Errorf("activity start is not an Excel date: %q", acts[1])
	}
	matrix, _ := f.GetRows("覆盖矩阵")
	if len(matrix) != 19 {
		t.Errorf("matrix has %d rows, want 18 cities and a header", len(matrix))
	}
}

// TestDatapackage checks every resource of datapackage.json against its
// file: the header has the schema's fields in order, primary keys are
// unique, and foreign keys point to existing documents.
func TestDatapackage(t *testing.T) {
	db := seededDB(t)
	for _, format := range []string{"csv", "json"} {
		out := t.TempDir()
		if code, _, stderr := runCmd(t, context.Background(), "export", "--db", db, "--format", format, "--out", out); code != 0 {
			t.Fatal(stderr)
		}
		var pkg struct {
			Resources []struct {
				Name     string `json:"name"`
				Path     string `json:"path"`
				Encoding string `json:"encoding"`
				Schema   struct {
					Fields []struct {
						Name  string `json:"name"`
						Title string `json:"title"`
						Type  string `json:"type"`
					} `json:"fields"`
					PrimaryKey  []string `json:"primaryKey"`
					ForeignKeys []struct {
						Fields    []string `json:"fields"`
						Reference struct {
							Resource string   `json:"resource"`
							Fields   []string `json:"fields"`
						} `json:"reference"`
					} `json:"foreignKeys"`
				} `json:"schema"`
			} `json:"resources"`
		}
		b, err := os.ReadFile(filepath.Join(out, "datapackage.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, &pkg); err != nil {
			t.Fatal(err)
		}
		tables := map[string][]map[string]string{}
		for _, r := range pkg.Resources {
			var names []string
			for _, f := range r.Schema.Fields {
				names = append(names, f.Name)
				if f.Title == "" || f.Title == f.Name {
					t.Errorf("%s %s: field %s has no Chinese title", format, r.Name, f.Name)
				}
			}
			// CSV for Excel: a BOM, and the datapackage says so
			raw, err := os.ReadFile(filepath.Join(out, r.Path))
			if err != nil {
				t.Fatal(err)
			}
			hasBOM := strings.HasPrefix(string(raw), "\ufeff")
			if want := format == "csv"; hasBOM != want || (r.Encoding == "utf-8-sig") != want {
				t.Errorf("%s %s: BOM %v, encoding %q", format, r.Name, hasBOM, r.Encoding)
			}
			recs := readTable(t, filepath.Join(out, r.Path), format, names)
			tables[r.Name] = recs
			seen := map[string]bool{}
			for _, rec := range recs {
				var key []string
				for _, k := range r.Schema.PrimaryKey {
					key = append(key, rec[k])
				}
				k := strings.Join(key, "\x00")
				if seen[k] {
					t.Errorf("%s %s: primary key %q repeats", format, r.Name, key)
				}
				seen[k] = true
			}
		}
		docs := map[string]bool{}
		for _, d := range tables["documents"] {
			docs[d["sha256"]] = true
		}
		for _, r := range pkg.Resources {
			for _, fk := range r.Schema.ForeignKeys {
				for _, rec := range tables[r.Name] {
					if v := rec[fk.Fields[0]]; v != "" && fk.Reference.Resource == "documents" && !docs[v] {
						t.Errorf("%s %s: %s %s is no document", format, r.Name, fk.Fields[0], v)
					}
				}
			}
		}
		// each row names its document by title and file name too
		titles := map[string]string{}
		for _, d := range tables["documents"] {
			titles[d["sha256"]] = d["title"] + "|" + filepath.Base(d["path"])
		}
		for _, name := range []string{"counts", "centers", "coverage", "activities", "findings"} {
			for _, rec := range tables[name] {
				if rec["document"] == "" {
					continue
				}
				if got := rec["document_title"] + "|" + rec["file"]; got != titles[rec["document"]] || rec["file"] == "" {
					t.Errorf("%s %s: document %s named %q, want %q", format, name, rec["document"][:12], got, titles[rec["document"]])
					break
				}
			}
		}
		if len(tables["centers"]) < 63 || len(tables["coverage"]) != 18 {
			t.Errorf("%s: %d centers, %d coverage rows", format, len(tables["centers"]), len(tables["coverage"]))
		}
	}
}

// readTable reads a CSV or JSON dataset into maps, checking its columns.
func readTable(t *testing.T, path, format string, fields []string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []map[string]string
	if format == "csv" {
		br := bufio.NewReader(f)
		if b, _ := br.Peek(3); string(b) == "\ufeff" {
			br.Discard(3)
		}
		recs, err := csv.NewReader(br).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if strings.Join(recs[0], ",") != strings.Join(fields, ",") {
			t.Fatalf("%s header %q, schema %q", path, recs[0], fields)
		}
		for _, r := range recs[1:] {
			m := map[string]string{}
			for i, v := range r {
				m[fields[i]] = v
			}
			out = append(out, m)
		}
		return out
	}
	var rows []map[string]any
	if err := json.NewDecoder(f).Decode(&rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if len(r) != len(fields) {
			t.Fatalf("%s: row with %d fields, schema has %d", path, len(r), len(fields))
		}
		m := map[string]string{}
		for _, k := range fields {
			if v, ok := r[k]; ok && v != nil {
				b, _ := json.Marshal(v)
				m[k] = strings.Trim(string(b), `"`)
			}
		}
		out = append(out, m)
	}
	return out
}
