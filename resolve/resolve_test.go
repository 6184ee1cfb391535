package resolve_test

import (
	"strings"
	"testing"

	"qcweave/lexicon"
	"qcweave/record"
	"qcweave/resolve"
)

func lex(t *testing.T) *lexicon.Lexicon {
	t.Helper()
	l, err := lexicon.Load()
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func ptr(s string) *string { return &s }

func TestResolveReferencesAndUnknowns(t *testing.T) {
	ev := record.Evidence{Quote: "q", Span: record.Span{0, 1}}
	ex := &record.Extraction{
		Source: record.Source{SHA256: "doc1"},
		Centers: []record.Center{
			{Name: "郑州市呼吸内科质控中心", RegionCode: ptr("410100"), Specialty: ptr("呼吸内科"), SpecialtyID: ptr("respiratory"),
				Institutions: []string{"某甲市第一人民医院", "医院", "某乙县中心医院"}, Evidence: ev},
			{Name: "郑州市奇异学质控中心", RegionCode: ptr("410100"), Specialty: ptr("奇异学"), Evidence: ev},
		},
		Coverage: []record.Coverage{{Region: "某丙市", Missing: []string{"呼吸内科", "玄学"}, MissingIDs: []string{"respiratory", ""}, Evidence: ev}},
	}
	resolve.New(lex(t)).Resolve(ex)

	codes := map[string]bool{}
	for _, r := range ex.References.Regions {
		codes[r.Code] = true
	}
	if !codes["410100"] || !codes["410000"] {
		t.Errorf("regions %v: want the city and its province", ex.References.Regions)
	}
	if len(ex.References.Specialties) != 1 || ex.References.Specialties[0].ID != "respiratory" {
		t.Errorf("specialties %v", ex.References.Specialties)
	}
	if len(ex.References.Institutions) != 3 {
		t.Errorf("institutions %v: want every host as written", ex.References.Institutions)
	}

	var msgs []string
	for _, f := range ex.Findings {
		if f.Kind != record.UnknownEntity || f.ID == "" {
			t.Errorf("finding %+v", f)
		}
		msgs = append(msgs, f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"专业“奇异学”", "专业“玄学”", "地区“某丙市”", "以下机构（共2个）：某乙县中心医院、某甲市第一人民医院"} {
		if !strings.Contains(all, want) {
			t.Errorf("no finding with %q in:\n%s", want, all)
		}
	}
	if strings.Contains(all, "“医院”") || strings.Contains(all, "、医院") {
		t.Errorf("a bare word reported as an institution:\n%s", all)
	}
}

func TestReresolveAfterUserAlias(t *testing.T) {
	l := lex(t)
	if err := l.Apply(record.UserAlias{Kind: record.UserSpecialty, Alias: "呼吸病学", Target: "呼吸内科"}); err != nil {
		t.Fatal(err)
	}
	names := record.StoredNames{
		MissingSpecialties: []record.StoredMissing{{CoverageID: 7, Position: 2, Text: "呼吸病学"}, {CoverageID: 7, Position: 3, Text: "玄学"}},
		Centers:            []record.StoredCenter{{ID: 3, Level: "市级", RegionCode: "410100", Specialty: "呼吸病学"}},
		Mentions: []record.StoredMention{
			{DocID: 1, Doc: "a", Kind: record.NameSpecialty, Name: "呼吸病学"},
			{DocID: 1, Doc: "a", Kind: record.NameSpecialty, Name: "玄学"},
		},
	}
	up := resolve.New(l).Reresolve(names)
	if len(up.MissingSpecialties) != 1 || up.MissingSpecialties[0].SpecialtyID != "respiratory" {
		t.Errorf("missing specialties %+v", up.MissingSpecialties)
	}
	if len(up.Centers) != 1 || up.Centers[0].ID != 3 {
		t.Errorf("centers %+v", up.Centers)
	}
	if fs := up.Unknown[1]; len(fs) != 1 || !strings.Contains(fs[0].Message, "玄学") {
		t.Errorf("unknown findings %+v, want only 玄学", up.Unknown)
	}
	if len(up.Refs.Specialties) != 1 {
		t.Errorf("refs %+v: want the specialty's row", up.Refs)
	}
}
