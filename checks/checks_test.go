package checks_test

import (
	"testing"

	"qcweave/checks"
	"qcweave/record"
)

// invented facts: a province 甲省 (code 990000) of two cities
const province = "990000"

func activity(center, start, quote string, at int) record.Activity {
	return record.Activity{Center: center, Start: record.Str(start),
		Evidence: record.Evidence{Quote: quote, Span: record.Span{at, at + len([]rune(quote))}}}
}

func total(level string, n int) record.Count {
	return record.Count{Region: "甲省", RegionCode: record.Str(province), Level: record.Str(level), Subject: "质控中心", Value: n, Total: true,
		Evidence: record.Evidence{Quote: "全省共有质控中心", Span: record.Span{3, 11}}}
}

func listed(names ...string) []record.Center {
	var out []record.Center
	for i, n := range names {
		out = append(out, record.Center{Name: n, Source: "table", Level: record.Str("省级"), RegionCode: record.Str(province),
			Evidence: record.Evidence{Quote: n, Span: record.Span{40 + 10*i, 46 + 10*i}}})
	}
	return out
}

func cityRow(region, code string, built int, at int) record.Coverage {
	return record.Coverage{Region: region, RegionCode: record.Str(code), Level: record.Str("市级"), Built: record.Int(built),
		Evidence: record.Evidence{Quote: region + "已建", Span: record.Span{at, at + 4}}}
}

// The checks of a document against itself: each finding, of its kind,
// quotes the records it is about.
func TestDocument(t *testing.T) {
	period := &record.Period{Start: "2031-04-01", End: "2031-06-30"}
	basis := &record.Basis{Province: province, Cities: 2}
	tests := []struct {
		name  string
		ex    record.Extraction
		kinds []string
		quote string // the first ref's quote of the first finding
	}{
		{"an activity inside the period", record.Extraction{Document: record.Meta{Period: period},
			Activities: []record.Activity{activity("甲省乙专业质控中心", "2031-05-02", "5月2日赴丙县督导", 20)}}, nil, ""},
		{"an activity before the period", record.Extraction{Document: record.Meta{Period: period},
			Activities: []record.Activity{activity("甲省乙专业质控中心", "2030-05-02", "5月2日赴丙县督导", 20)}},
			[]string{record.DateOutsidePeriod}, "5月2日赴丙县督导"},
		{"an activity after the document's date", record.Extraction{Document: record.Meta{Date: record.Str("2031-03-01")},
			Activities: []record.Activity{activity("甲省乙专业质控中心", "2031-03-09", "3月9日开展培训", 20)}},
			[]string{record.DateOutsidePeriod}, "3月9日开展培训"},
		{"a provincial total as many as the list's rows", record.Extraction{Basis: basis,
			Counts: []record.Count{total("省级", 2)}, Centers: listed("丁专业质控中心", "戊专业质控中心")}, nil, ""},
		{"a provincial total more than the list's rows", record.Extraction{Basis: basis,
			Counts: []record.Count{total("省级", 3)}, Centers: listed("丁专业质控中心", "戊专业质控中心")},
			[]string{record.TotalMismatch}, "全省共有质控中心"},
		{"a list captioned as a selection is not counted", record.Extraction{Basis: &record.Basis{Province: province, Cities: 2, PartialList: true},
			Counts: []record.Count{total("省级", 3)}, Centers: listed("丁专业质控中心", "戊专业质控中心")}, nil, ""},
		{"no basis: no province whose totals are checked", record.Extraction{
			Counts: []record.Count{total("省级", 3)}, Centers: listed("丁专业质控中心", "戊专业质控中心")}, nil, ""},
		{"a municipal total against a table of every city", record.Extraction{Basis: basis,
			Counts: []record.Count{total("市级", 30)}, Coverage: []record.Coverage{cityRow("己市", "990100", 12, 60), cityRow("庚市", "990200", 17, 70)}},
			[]string{record.TotalMismatch}, "全省共有质控中心"},
		{"a municipal total against a table of one city of two", record.Extraction{Basis: basis,
			Counts: []record.Count{total("市级", 30)}, Coverage: []record.Coverage{cityRow("己市", "990100", 12, 60)}}, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.ex.Source.SHA256 = "doc1"
			fs := checks.Document(&tt.ex)
			var kinds []string
			for _, f := range fs {
				kinds = append(kinds, f.Kind)
				if !checks.IsKind(f.Kind) || f.ID != record.FindingID(f) {
					t.Errorf("finding %+v: not of the checks' kinds, or its id is not its own", f)
				}
				for _, r := range f.Refs {
					if r.Doc != "doc1" {
						t.Errorf("ref %+v names another document", r)
					}
				}
			}
			if len(kinds) != len(tt.kinds) || (len(kinds) > 0 && kinds[0] != tt.kinds[0]) {
				t.Fatalf("kinds %v, want %v (%+v)", kinds, tt.kinds, fs)
			}
			if len(fs) > 0 && (len(fs[0].Refs) == 0 || fs[0].Refs[0].Quote != tt.quote || fs[0].Refs[0].Span[1] == 0) {
				t.Errorf("refs %+v, want the first quoting %q with its span", fs[0].Refs, tt.quote)
			}
		})
	}
}
