package confidence

import (
	"math"
	"reflect"
	"strings"
	"testing"

	"qcweave/record"
)

// dict is a dictionary of a few names for the tests.
type dict map[string]bool

func (d dict) Known(kind, name string) bool { return d[kind+"|"+name] }

var testDict = dict{
	"region|江州市": true, "region|江州": true, "region|江南省": true, "region|河阳县": true,
	"specialty|麻醉": true, "institution|江州市第一人民医院": true,
}

func ctxOf(ex *record.Extraction) *context { return newContext(ex, testDict) }

func TestQuoteLength(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want float64
	}{{20, 0}, {longQuote, 0}, {longQuote + 1, wLongQuote}, {veryLongQuote + 1, wLongQuote + wVeryLong}} {
		if got := quoteLength(strings.Repeat("字", tc.n)); got != tc.want {
			t.Errorf("quoteLength(%d runes) = %v, want %v", tc.n, got, tc.want)
		}
	}
}

func TestOCR(t *testing.T) {
	for _, tc := range []struct{ conf, want float64 }{
		{0, 0},        // not read by OCR
		{95, 0},       // read well
		{75, -1},      // ten points below good
		{10, wOCRMin}, // bounded
	} {
		if got := ocr(tc.conf); got != tc.want {
			t.Errorf("ocr(%v) = %v, want %v", tc.conf, got, tc.want)
		}
	}
}

func TestDisputed(t *testing.T) {
	ex := &record.Extraction{Findings: []record.Finding{
		{Kind: record.ValueConflict, Severity: record.Warning, Refs: []record.Ref{{Span: record.Span{10, 20}}}},
		{Kind: record.UnknownEntity, Severity: record.Info, Refs: []record.Ref{{Span: record.Span{10, 20}}}},
		{Kind: record.TotalMismatch, Severity: record.Error, Refs: []record.Ref{{Span: record.Span{100, 120}}}},
	}}
	c := ctxOf(ex)
	for _, tc := range []struct {
		span record.Span
		want float64
	}{
		{record.Span{15, 30}, wDisputeWarning}, // overlaps the conflict; unknown_entity disputes nothing
		{record.Span{20, 30}, 0},               // touches, does not overlap
		{record.Span{0, 200}, wDisputeWarning + wDisputeError},
	} {
		if got := c.disputed(tc.span); got != tc.want {
			t.Errorf("disputed(%v) = %v, want %v", tc.span, got, tc.want)
		}
	}
}

func TestRegionEvidence(t *testing.T) {
	prov := "江南省"
	code := "990100"
	c := ctxOf(&record.Extraction{Document: record.Meta{Province: &prov}})
	for _, tc := range []struct {
		name string
		code *string
		want float64
	}{
		{"江州", &code, wRegionKnown},
		{"全省", nil, wRegionKnown}, // the document's province
		{"河阳县", nil, wRegionKnown},
		{"北原市", nil, wRegionUnknown},
	} {
		if got := c.regionEvidence(tc.name, tc.code); got != tc.want {
			t.Errorf("regionEvidence(%s) = %v, want %v", tc.name, got, tc.want)
		}
	}
	if got := ctxOf(&record.Extraction{}).regionEvidence("全省", nil); got != wRegionUnknown {
		t.Errorf("全省 without a province = %v, want %v", got, wRegionUnknown)
	}
}

func TestSpecialtyEvidence(t *testing.T) {
	c := ctxOf(&record.Extraction{})
	base := c.center(&record.Center{Name: "江州市麻醉质控中心", Region: record.Str("江州市"), Specialty: record.Str("麻醉"), Evidence: record.Evidence{Quote: "江州市麻醉质控中心"}})
	for _, tc := range []struct {
		spec string
		want float64
	}{
		{"麻醉", 0},
		{"疼痛诊疗", wSpecialtyUnknown - wSpecialtyKnown},   // not in the dictionary: a little doubt
		{"普外科第三届", wSpecialtyOdd - wSpecialtyKnown},     // an ordinal is no specialty
		{"医院消化科近年来通过", wSpecialtyOdd - wSpecialtyKnown}, // a phrase
	} {
		name := "江州市" + tc.spec + "质控中心"
		got := c.center(&record.Center{Name: name, Region: record.Str("江州市"), Specialty: record.Str(tc.spec), Evidence: record.Evidence{Quote: name}}) - base
		if diff := got - tc.want; diff > 1e-9 || diff < -1e-9 {
			t.Errorf("specialty %s: %v, want %v", tc.spec, got, tc.want)
		}
	}
}

func TestCounted(t *testing.T) {
	for _, tc := range []struct {
		name, quote string
		want        bool
	}{
		{"省级麻醉质控中心", "全国30个省级麻醉质控中心主任进行汇报", true},
		{"省级麻醉质控中心", "依托该院组建省级麻醉质控中心", false},
		{"省级麻醉质控中心", "共有三十家省级麻醉质控中心参加", true},
	} {
		if got := counted(tc.name, tc.quote); got != tc.want {
			t.Errorf("counted(%s, %s) = %v", tc.name, tc.quote, got)
		}
	}
}

func TestFullerCenter(t *testing.T) {
	ex := &record.Extraction{Centers: []record.Center{
		{Name: "江州市麻醉诊疗质量控制中心", Region: record.Str("江州市"), Level: record.Str("市级"), Specialty: record.Str("麻醉诊疗")},
		{Name: "市麻醉质控中心", Level: record.Str("市级"), Specialty: record.Str("麻醉")},
		{Name: "市护理质控中心", Level: record.Str("市级"), Specialty: record.Str("护理")},
	}}
	c := ctxOf(ex)
	if !c.fullerCenter(&ex.Centers[1]) {
		t.Error("市麻醉质控中心 after 江州市麻醉诊疗质量控制中心: want a repetition")
	}
	if c.fullerCenter(&ex.Centers[2]) {
		t.Error("市护理质控中心: no fuller center of its specialty")
	}
}

func TestQuoteNames(t *testing.T) {
	c := ctxOf(&record.Extraction{})
	for _, tc := range []struct {
		name, quote string
		want        float64
	}{
		{"江州市麻醉质量控制中心", "3月2日，江州市麻醉质控中心召开年会。", wNameInQuote},
		{"江州市麻醉质量控制中心", "会上，市麻醉质控中心主任作报告。", wNameInQuote},  // region left out
		{"江南省麻醉质控中心", "5月1日，河阳县麻醉质量控制中心成立。", wOtherCenter}, // another region's center
		{"江州市麻醉质控中心", "5月1日，专家组赴河阳县督导。", wNameNotInQuote},
	} {
		if got := c.quoteNames(tc.name, tc.quote); got != tc.want {
			t.Errorf("quoteNames(%s, %s) = %v, want %v", tc.name, tc.quote, got, tc.want)
		}
	}
}

func TestLeadRegion(t *testing.T) {
	c := ctxOf(&record.Extraction{})
	for name, want := range map[string]string{"江州市麻醉" + centerToken: "江州市", "北原州护理" + centerToken: "北原州"} {
		if got := c.leadRegion(name); got != want {
			t.Errorf("leadRegion(%s) = %s, want %s", name, got, want)
		}
	}
}

func TestBatch(t *testing.T) {
	for _, tc := range []struct {
		value int
		quote string
		want  bool
	}{
		{7, "首批7家市级质控中心现场授牌。", true},
		{12, "此次授牌的12个质控中心分别是", true},
		{57, "全市已建成57个市级质控中心。", false},
		{7, "第二批17家质控中心", false}, // 7 is part of 17
	} {
		if got := batch(tc.value, tc.quote); got != tc.want {
			t.Errorf("batch(%d, %s) = %v", tc.value, tc.quote, got)
		}
	}
}

func TestTableCount(t *testing.T) {
	code, lvl := "990100", "市级"
	ex := &record.Extraction{
		Coverage: []record.Coverage{{Region: "江州", RegionCode: &code, Built: record.Int(40)}},
	}
	c := ctxOf(ex)
	for _, tc := range []struct {
		value     int
		agree, ok bool
	}{{40, true, true}, {41, false, true}} {
		agree, ok := c.tableCount(&record.Count{RegionCode: &code, Level: &lvl, Value: tc.value})
		if agree != tc.agree || ok != tc.ok {
			t.Errorf("tableCount(%d) = %v, %v", tc.value, agree, ok)
		}
	}
	other := "990200"
	if _, ok := c.tableCount(&record.Count{RegionCode: &other, Value: 3}); ok {
		t.Error("a region no table speaks of: want no evidence")
	}
	// the centers a table lists
	ex = &record.Extraction{Centers: []record.Center{
		{Source: "table", RegionCode: &code, Level: &lvl}, {Source: "table", RegionCode: &code, Level: &lvl},
	}}
	if agree, ok := ctxOf(ex).tableCount(&record.Count{RegionCode: &code, Level: &lvl, Value: 2}); !agree || !ok {
		t.Error("two table rows and a count of 2: want agreement")
	}
}

func TestStatedTwice(t *testing.T) {
	code, lvl := "990100", "市级"
	one := record.Count{Region: "江州", RegionCode: &code, Level: &lvl, Value: 9, Evidence: record.Evidence{Span: record.Span{0, 10}}}
	two := one
	two.Span = record.Span{50, 60}
	c := ctxOf(&record.Extraction{Counts: []record.Count{one, two}})
	alone := ctxOf(&record.Extraction{Counts: []record.Count{one}})
	if got := c.count(&c.ex.Counts[0]) - alone.count(&alone.ex.Counts[0]); got != wStatedTwice {
		t.Errorf("the same count twice: %v, want %v", got, wStatedTwice)
	}
}

func TestHost(t *testing.T) {
	c := ctxOf(&record.Extraction{})
	known := c.host(&record.Center{Institutions: []string{"江州市第一人民医院"}})
	unknown := c.host(&record.Center{Institutions: []string{"江州市第九人民医院"}})
	generic := c.host(&record.Center{Institutions: []string{"该院"}})
	if !(known > unknown && unknown > generic) {
		t.Errorf("host log-odds known %v, unknown %v, generic %v: want decreasing", known, unknown, generic)
	}
}

func TestFields(t *testing.T) {
	iss, prov, kind, num := "江南省卫生健康委员会", "江南省", "通知", "江卫医〔2024〕12号"
	good := record.Meta{Title: "关于成立质控中心的通知", Issuer: &iss, Province: &prov, Kind: &kind, DocNumber: &num}
	news, guess, odd := "新闻", "国家卫生健康委", "第12期"
	bad := record.Meta{Title: "来源：江州市卫生健康委员会", Issuer: &guess, Province: &prov, Kind: &news, DocNumber: &odd}
	c := ctxOf(&record.Extraction{})
	c.fields(&good)
	c.fields(&bad)
	for _, f := range []string{"title", "kind", "province", "doc_number"} {
		g, b := good.Fields[f], bad.Fields[f]
		if g.Rule == "" || !(g.Confidence > b.Confidence) {
			t.Errorf("%s: good %+v, bad %+v: want the good one higher, with a rule", f, g, b)
		}
	}
}

func TestDoubtfulDates(t *testing.T) {
	period := &record.Period{Start: "2025-01-01", End: "2025-03-31"}
	ocr := record.Evidence{OCRConfidence: 70, Span: record.Span{5, 9}}
	ex := &record.Extraction{
		Document: record.Meta{Period: period},
		Activities: []record.Activity{
			{Start: record.Str("2025-02-30")},                // no such day
			{Start: record.Str("2025-08-12"), Evidence: ocr}, // 8 read for 3
			{Start: record.Str("2025-08-12")},                // the same, not read by OCR: trusted
			{Start: record.Str("2025-06-12"), Evidence: ocr}, // no digit away from 1..3
			{Start: record.Str("2025-02-12"), Evidence: ocr}, // inside the period
		},
	}
	var got []string
	for _, f := range DoubtfulDates(ex) {
		got = append(got, f.Subject)
	}
	want := []string{"2025-02-30", "2025-08-12"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("doubtful dates %v, want %v", got, want)
	}
}

func TestMisreadRegion(t *testing.T) {
	for _, tc := range []struct {
		name, full string
		want       bool
	}{{"成宁市", "咸宁市", true}, {"成宁", "咸宁市", true}, {"咸宁", "咸宁市", false}, {"咸宁市", "咸宁市", false}, {"成守", "咸宁市", false}, {"宁市", "咸宁市", false}} {
		if got := misreadRegion(tc.name, tc.full); got != tc.want {
			t.Errorf("misreadRegion(%s, %s) = %v", tc.name, tc.full, got)
		}
	}
}

func TestOneDigitApart(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{{"3", "8", true}, {"1", "7", true}, {"6", "1", false}, {"1", "11", true}, {"10", "1", true}, {"12", "21", false}, {"3", "3", false}, {"6", "12", false}} {
		if got := oneDigitApart(tc.a, tc.b); got != tc.want {
			t.Errorf("oneDigitApart(%s, %s) = %v", tc.a, tc.b, got)
		}
	}
}

// TestCalibrate checks the whole pass: every confidence in (0, 1), the
// same input the same output, and a record whose evidence is all good
// above one whose evidence is poor.
func TestCalibrate(t *testing.T) {
	mk := func() *record.Extraction {
		code := "990100"
		return &record.Extraction{Centers: []record.Center{
			{Name: "江州市麻醉质控中心", Region: record.Str("江州市"), RegionCode: &code, Specialty: record.Str("麻醉"), Source: "table",
				Institutions: []string{"江州市第一人民医院"}, Evidence: record.Evidence{Quote: "1 江州市麻醉质控中心 江州市第一人民医院", Span: record.Span{0, 10}}},
			{Name: "省级麻醉质控中心", Specialty: record.Str("麻醉"), Source: "text",
				Evidence: record.Evidence{Quote: "全国30个省级麻醉质控中心参加", Span: record.Span{20, 30}, OCRConfidence: 60}},
		}}
	}
	a, b := mk(), mk()
	Calibrate(a, testDict)
	Calibrate(b, testDict)
	if !reflect.DeepEqual(a, b) {
		t.Error("two runs differ")
	}
	good, poor := a.Centers[0].Confidence, a.Centers[1].Confidence
	if !(0 < poor && poor < good && good < 1) {
		t.Errorf("confidence good %v, poor %v", good, poor)
	}
	if a.Centers[0].HostConfidence == 0 || a.Centers[1].HostConfidence != 0 {
		t.Errorf("host confidence %v, %v: want one for the center with hosts only", a.Centers[0].HostConfidence, a.Centers[1].HostConfidence)
	}
	if a.Document.Fields != nil {
		t.Errorf("no document fields, yet %v", a.Document.Fields)
	}
}

func TestPublished(t *testing.T) {
	for _, tc := range []struct {
		date, quote string
		want        bool
	}{
		{"2025-04-15", "【动态】江州市麻醉质控中心赴基层发表时间:2025-04-15 08:04近日，专家组前往河阳县。", true},
		{"2025-04-15", "上传时间:2025年4月15日4月15日上午，江州市麻醉质控中心召开年会。", false}, // the day stated again
		{"2025-04-15", "2025年4月15日，江州市麻醉质控中心召开年会。", false},
	} {
		if got := published(tc.date, tc.quote); got != tc.want {
			t.Errorf("published(%s, %s) = %v", tc.date, tc.quote, got)
		}
	}
}

func TestEnumerated(t *testing.T) {
	list := "成立市麻醉质控中心、市护理质控中心、市病理质控中心。"
	if !enumerated("市护理质控中心", list) || !enumerated("市病理质控中心", list) {
		t.Error("items of a list of centers: want enumerated")
	}
	if enumerated("市护理质控中心", "市护理质控中心召开年会，市麻醉质控中心和市病理质控中心参加。") {
		t.Error("a center named in a sentence: not an item of a list")
	}
}

func TestDuplicates(t *testing.T) {
	start := record.Str("2025-03-02")
	a := record.Activity{Center: "江州市麻醉质控中心", Start: start, Evidence: record.Evidence{Quote: "3月2日，江州市麻醉质控中心召开年会。", Span: record.Span{0, 10}}}
	b := a
	b.Span = record.Span{40, 50}
	c := ctxOf(&record.Extraction{Activities: []record.Activity{a, b}})
	if got := c.activity(&c.ex.Activities[1]) - c.activity(&c.ex.Activities[0]); math.Abs(got-wDuplicate) > 1e-9 {
		t.Errorf("the same activity twice: the second %v below the first, want %v", got, wDuplicate)
	}
	// another event of the center on the same day, a two-day one
	other := a
	other.End, other.Quote, other.Span = record.Str("2025-03-03"), "3月2日至3日，江州市麻醉质控中心举办培训班。", record.Span{60, 80}
	c = ctxOf(&record.Extraction{Activities: []record.Activity{a, other}})
	if got := c.activity(&c.ex.Activities[1]) - c.activity(&c.ex.Activities[0]); got < 0 {
		t.Errorf("two events of a center on one day: the second %v below the first, want no duplicate", got)
	}
}

func TestFullNameAndKnownCenter(t *testing.T) {
	ex := &record.Extraction{
		Centers: []record.Center{{Name: "江州市麻醉质控中心"}},
	}
	c := ctxOf(ex)
	if !c.fullName("江州市麻醉质控中心", "江州市麻醉质量控制中心召开年会") {
		t.Error("a known region's center named whole: want a full name")
	}
	if c.fullName("市麻醉质控中心", "市麻醉质控中心召开年会") {
		t.Error("no region: not a full name")
	}
	act := func(center string) float64 {
		return c.activity(&record.Activity{Center: center, Start: record.Str("2025-03-02"), Evidence: record.Evidence{Quote: "3月2日，" + center + "召开年会。"}})
	}
	if got := act("江州市麻醉质控中心") - act("江州市护理质控中心"); math.Abs(got-wKnownCenter) > 1e-9 {
		t.Errorf("an activity of a center the document names: %v more, want %v", got, wKnownCenter)
	}
}
