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

// A host's name that leaves out whose it is (市中心医院 in a city's
// notice, 第三附属医院 after the school's name was lost) cannot be put in
// a dictionary: its finding says what the name lacks and where the center
// is, and names the likely hospital when only the city is missing; names
// that carry their place stay in the list of unknown institutions. Fresh
// extractions and stores resolved again say the same.
func TestUnplacedInstitutions(t *testing.T) {
	ev := record.Evidence{Quote: "q", Span: record.Span{0, 1}}
	ex := &record.Extraction{
		Source: record.Source{SHA256: "doc1"},
		Centers: []record.Center{
			{Name: "某甲市奇异学质控中心", Region: ptr("某甲市"), Institutions: []string{"市中心医院", "某甲市第二人民医院"}, Evidence: ev},
			{Name: "某乙省玄学质控中心", Region: ptr("某乙省"), Institutions: []string{"第三附属医院"}, Evidence: ev},
			{Name: "某丙县护理质控中心", Region: ptr("某丙县"), Institutions: []string{"市人民医院"}, Evidence: ev},
			{Name: "护理质控中心", Institutions: []string{"县中医医院"}, Evidence: ev},
		},
	}
	l := lex(t)
	resolve.New(l).Resolve(ex)
	want := map[string]string{
		"市中心医院":  "机构“市中心医院”没有写明所在的市，无法与词典对照；所挂靠的中心在某甲市，应是“某甲市中心医院”，请核对后更正记录",
		"第三附属医院": "机构“第三附属医院”没有写明所属的院校或地方，无法与词典对照；所挂靠的中心在某乙省，请据原文核对后更正记录",
		"市人民医院":  "机构“市人民医院”没有写明所在的市，无法与词典对照；所挂靠的中心在某丙县，请据原文核对后更正记录",
		"县中医医院":  "机构“县中医医院”没有写明所在的县，无法与词典对照；请据原文核对后更正记录",
		"机构":     "词典中没有以下机构（共1个）：某甲市第二人民医院",
	}
	check := func(how string, fs []record.Finding) {
		t.Helper()
		got := map[string]string{}
		for _, f := range fs {
			if f.Kind == record.UnknownEntity {
				got[f.Subject] = f.Message
			}
		}
		for subject, msg := range want {
			if got[subject] != msg {
				t.Errorf("%s: finding of %s:\n got %q\nwant %q", how, subject, got[subject], msg)
			}
		}
		if len(got) != len(want) {
			t.Errorf("%s: findings %q", how, got)
		}
	}
	check("extraction", ex.Findings)

	var names record.StoredNames
	for _, c := range ex.Centers {
		for _, in := range c.Institutions {
			names.Mentions = append(names.Mentions, record.StoredMention{DocID: 1, Doc: "doc1", Kind: record.NameInstitution, Name: in, Place: deref(c.Region), Evidence: ev})
		}
	}
	check("resolved again", resolve.New(l).Reresolve(names).Unknown[1])
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
