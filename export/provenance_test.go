package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"qcweave/export"
	"qcweave/internal/storetest"
	"qcweave/record"
)

// TestProvenanceColumns: every dataset of records carries confidence and
// rule (and boxes, as JSON), centers their hosts' confidence and rule, the
// document fields their provenance, the parts of a 公文 their role, page
// and span, in CSV, JSON and the datapackage.
func TestProvenanceColumns(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	c := storetest.Count("郑州", "410100", 63, "2025-02-28")
	c.Confidence, c.Rule, c.Boxes = 0.87, "count.stated", []record.Box{{1, 72, 100.5, 300, 112}}
	ce := storetest.Center("河南省人民医院")
	ce.Confidence, ce.Rule, ce.HostConfidence, ce.HostRule = 0.93, "center.table_row", 0.81, "host.table_cell"
	storetest.Save(t, st, storetest.Doc{SHA256: "b2", Title: "二月通报", Date: "2025-02-28",
		Counts: []record.Count{c}, Centers: []record.Center{ce},
		Fields: map[string]record.FieldEvidence{"title": {Confidence: 0.9, Rule: "title.headline", Quote: "二月通报"}},
		Parts:  []record.Part{{Role: "成文日期", Text: "正文", Page: 2, Span: &record.Span{0, 2}}}})

	dir := t.TempDir()
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "csv", Dir: dir}); err != nil {
		t.Fatal(err)
	}
	row := func(name string) map[string]string {
		b, err := os.ReadFile(filepath.Join(dir, name+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s.csv: %v, %d rows", name, err, len(rows))
		}
		m := map[string]string{}
		for i, h := range rows[0] {
			m[h] = rows[1][i]
		}
		return m
	}
	counts := row("counts")
	if counts["confidence"] != "0.87" || counts["rule"] != "count.stated" || counts["boxes"] != "[[1,72,100.5,300,112]]" {
		t.Errorf("counts.csv: confidence %q, rule %q, boxes %q", counts["confidence"], counts["rule"], counts["boxes"])
	}
	centers := row("centers")
	if centers["confidence"] != "0.93" || centers["host_confidence"] != "0.81" || centers["host_rule"] != "host.table_cell" {
		t.Errorf("centers.csv: %v", centers)
	}
	if f := row("document_fields"); f["field"] != "title" || f["confidence"] != "0.9" || f["rule"] != "title.headline" {
		t.Errorf("document_fields.csv: %v", f)
	}
	if p := row("document_parts"); p["role"] != "成文日期" || p["page"] != "2" || p["text"] != "正文" || p["span_end"] != "2" {
		t.Errorf("document_parts.csv: %v", p)
	}

	jdir := t.TempDir()
	if _, err := export.Write(ctx, st.DB(), export.Options{Format: "json", Dir: jdir}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]any
	b, _ := os.ReadFile(filepath.Join(jdir, "counts.json"))
	if err := json.Unmarshal(b, &rows); err != nil || len(rows) != 1 {
		t.Fatalf("counts.json: %v", err)
	}
	if rows[0]["confidence"] != 0.87 || rows[0]["rule"] != "count.stated" {
		t.Errorf("counts.json: confidence %v, rule %v", rows[0]["confidence"], rows[0]["rule"])
	}
	if boxes, ok := rows[0]["boxes"].([]any); !ok || len(boxes) != 1 {
		t.Errorf("counts.json: boxes %v, want an array of one box", rows[0]["boxes"])
	}
	var pkg struct {
		Resources []struct {
			Name   string `json:"name"`
			Schema struct {
				Fields []export.Field `json:"fields"`
			} `json:"schema"`
		} `json:"resources"`
	}
	b, _ = os.ReadFile(filepath.Join(jdir, "datapackage.json"))
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	xdir := t.TempDir()
	path, err := export.WriteXLSX(ctx, st, xdir)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var sheets []byte
	for _, f := range zr.File {
		if f.Name != "xl/workbook.xml" && !strings.HasPrefix(f.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		sheets = append(sheets, b...)
	}
	for _, want := range []string{"字段来源", export.FieldTitle("host_confidence"), "count.stated"} { // the header holds the columns' Chinese titles
		if !bytes.Contains(sheets, []byte(want)) {
			t.Errorf("qcweave.xlsx lacks %s", want)
		}
	}
	for _, r := range pkg.Resources {
		if !slices.Contains([]string{"counts", "centers", "coverage", "activities"}, r.Name) {
			continue
		}
		types := map[string]string{}
		for _, f := range r.Schema.Fields {
			types[f.Name] = f.Type
		}
		if types["confidence"] != "number" || types["rule"] != "string" || types["boxes"] != "array" {
			t.Errorf("datapackage %s: confidence %q, rule %q, boxes %q", r.Name, types["confidence"], types["rule"], types["boxes"])
		}
	}
}
