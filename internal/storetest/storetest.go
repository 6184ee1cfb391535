// Package storetest builds small stores for the tests of the packages that
// read a store (reconcile, export, report): documents made of records,
// saved the way the pipeline saves them.
package storetest

import (
	"context"
	"path/filepath"
	"testing"

	"qcweave/checks"
	"qcweave/document"
	"qcweave/record"
	"qcweave/store"
)

// Open returns an empty store in a temporary folder, closed when the test
// ends.
func Open(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "q.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Doc is a document to save: its hash, date and records.
type Doc struct {
	SHA256, Title, Date string
	Counts              []record.Count
	Centers             []record.Center
	Coverage            []record.Coverage
	Activities          []record.Activity
	// Confidence is the OCR confidence of each page of a scan
	Confidence []float64
	// Fields is the provenance of the document's fields
	Fields map[string]record.FieldEvidence
	// Parts are the parts of a 公文 the layout found
	Parts []record.Part
	// Kind and Period are the document's genre and the period it covers
	Kind   string
	Period *record.Period
	// Basis, when set, is what the document's checks against itself read
	// beside its records: the document is then stored with the findings
	// of those checks (package checks), as extraction gives them
	Basis *record.Basis
}

// Province is the region the documents of these tests are in (河南省 and
// two of its cities).
var Province = record.References{Regions: []record.RegionRef{
	{Code: "410000", Name: "河南省", Kind: "province"},
	{Code: "410100", Name: "郑州市", Kind: "prefecture", Parent: "410000"},
	{Code: "410900", Name: "濮阳市", Kind: "prefecture", Parent: "410000"},
}, Specialties: []record.SpecialtyRef{{ID: "respiratory", Name: "呼吸内科"}}}

// Save stores d as the pipeline would.
func Save(t testing.TB, st *store.Store, d Doc) {
	t.Helper()
	text := "正文" + d.Title
	doc := &document.Document{Path: d.SHA256 + ".txt", SHA256: d.SHA256, Format: "txt", Text: text, Source: make([]int32, len([]rune(text))),
		Confidence: d.Confidence}
	ex := &record.Extraction{
		Source:   record.Source{Path: doc.Path, SHA256: d.SHA256, Format: "txt"},
		Document: record.Meta{Title: d.Title, Date: record.Str(d.Date), Province: record.Str("河南省"), ProvinceCode: "410000", Fields: d.Fields, Parts: d.Parts},
		Counts:   d.Counts, Centers: d.Centers, Coverage: d.Coverage, Activities: d.Activities,
		References: Province,
	}
	ex.Document.Kind, ex.Document.Period = record.Str(d.Kind), d.Period
	if d.Basis != nil {
		ex.Basis = d.Basis
		ex.Findings = checks.Document(ex)
	}
	if err := st.Save(context.Background(), doc, ex, "test"); err != nil {
		t.Fatal(err)
	}
}

// Count is a count of city-level centers of a region at a date.
func Count(region, code string, value int, asOf string) record.Count {
	return record.Count{Region: region, RegionFull: record.Str(region), RegionCode: record.Str(code), Level: record.Str("市级"),
		Subject: "质控中心", Value: value, Qualifier: "exact", AsOf: record.Str(asOf),
		Evidence: record.Evidence{Quote: region + "市级质控中心", Span: record.Span{0, 2}}}
}

// Center is a provincial center of 呼吸内科 with its hosts.
func Center(hosts ...string) record.Center {
	return record.Center{Name: "河南省呼吸内科质控中心", Level: record.Str("省级"), Region: record.Str("河南省"), RegionCode: record.Str("410000"),
		Specialty: record.Str("呼吸内科"), SpecialtyID: record.Str("respiratory"), Institutions: hosts, Source: "text",
		Evidence: record.Evidence{Quote: "河南省呼吸内科质控中心", Span: record.Span{0, 2}}}
}
