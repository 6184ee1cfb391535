package store_test

import (
	"context"
	"reflect"
	"testing"

	"qcweave/internal/storetest"
	"qcweave/record"
)

// TestProvenance saves records with their confidence, rule and boxes, a
// document's field provenance and the parts of a 公文 the layout found,
// and reads them back.
func TestProvenance(t *testing.T) {
	st := storetest.Open(t)
	c := storetest.Count("郑州", "410100", 63, "2025-03-31")
	c.Confidence, c.Rule = 0.87, "count.stated"
	c.Boxes = []record.Box{{1, 72, 100.5, 300, 112}}
	ce := storetest.Center("河南省人民医院")
	ce.Confidence, ce.Rule, ce.HostConfidence, ce.HostRule = 0.93, "center.table_row", 0.81, "host.table_cell"
	span := record.Span{0, 4}
	fields := map[string]record.FieldEvidence{
		"title": {Confidence: 0.9, Rule: "title.headline", Quote: "一月通报", Span: &span},
		"date":  {Confidence: 0.7, Rule: "date.signature"},
	}
	partSpan := record.Span{0, 2}
	parts := []record.Part{{Role: "成文日期", Text: "正文", Page: 1, Span: &partSpan}, {Role: "页码", Text: "— 1 —", Page: 1, Side: "right"}}
	storetest.Save(t, st, storetest.Doc{SHA256: "a1", Title: "一月通报", Date: "2025-01-31",
		Counts: []record.Count{c}, Centers: []record.Center{ce},
		Coverage:   []record.Coverage{{Region: "郑州", Evidence: record.Evidence{Quote: "郑州 63", Confidence: 0.6, Rule: "coverage.table_row"}}},
		Activities: []record.Activity{{Center: "河南省呼吸内科质控中心", Evidence: record.Evidence{Quote: "1月9日", Confidence: 0.4, Rule: "activity.dated_sentence"}}},
		Fields:     fields, Parts: parts})
	db := st.DB()
	for _, tc := range []struct {
		q          string
		conf       float64
		rule, want string
	}{
		{"SELECT confidence, rule, COALESCE(boxes, '') FROM counts", 0.87, "count.stated", "[[1,72,100.5,300,112]]"},
		{"SELECT confidence, rule, COALESCE(boxes, '') FROM center_mentions", 0.93, "center.table_row", ""},
		{"SELECT host_confidence, host_rule, '' FROM center_mentions", 0.81, "host.table_cell", ""},
		{"SELECT confidence, rule, COALESCE(boxes, '') FROM coverage", 0.6, "coverage.table_row", ""},
		{"SELECT confidence, rule, COALESCE(boxes, '') FROM activities", 0.4, "activity.dated_sentence", ""},
	} {
		var conf float64
		var rule, boxes string
		if err := db.QueryRow(tc.q).Scan(&conf, &rule, &boxes); err != nil {
			t.Fatalf("%s: %v", tc.q, err)
		}
		if conf != tc.conf || rule != tc.rule || boxes != tc.want {
			t.Errorf("%s = %v, %q, %q; want %v, %q, %q", tc.q, conf, rule, boxes, tc.conf, tc.rule, tc.want)
		}
	}
	got, err := st.DocumentFields(context.Background(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, fields) {
		t.Errorf("document fields read back %+v, want %+v", got, fields)
	}
	gotParts, err := st.DocumentParts(context.Background(), "a1")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotParts, parts) {
		t.Errorf("document parts read back %+v, want %+v", gotParts, parts)
	}
}
