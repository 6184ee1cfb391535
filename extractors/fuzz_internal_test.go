package extractors

import (
	"context"
	"testing"

	"qcweave/formats"
)

// fuzzState lays out fuzzed text and returns an extraction state with the
// metadata read, or nil when the text is refused.
func fuzzState(t *testing.T, tools *Tools, b []byte) *state {
	doc, err := (&formats.Loader{}).Load(context.Background(), "fuzz.txt", b)
	if err != nil {
		return nil
	}
	st := &state{doc: doc, t: tools}
	st.meta = st.extractMeta()
	st.mentions = st.findCenterMentions()
	return st
}

var fuzzSeeds = []string{
	"河南省卫生健康委员会\n\n豫卫医函〔2025〕21号\n\n关于质控织网行动的通报\n\n截至2025年4月底，全省共组建市级质控中心987个，其中濮阳68个、三门峡66个。",
	"序号\t质控中心名称\t责任单位\n1\t河南省呼吸内科专业医疗质量控制中心\t河南省人民医院 河南省儿童医院",
	"序号\t省辖市\t已组建数量\t尚未组建相应专业市级质控中心的专业\n1\t郑州\t63\t血液内科、医学信息、体外生命支持 (ECMO)",
	"湖北医疗质控管理工作简报\n\n(2025年第1季度)\n\n2025年3月31日\n\n2025年1月9日至10日，湖北省肾病质控中心组织专家组赴宜昌市开展活动，主任丁国华教授，50余人参加。",
}

func fuzzTools(f *testing.F) *Tools {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	tools, err := NewTools()
	if err != nil {
		f.Fatal(err)
	}
	return tools
}

func FuzzMeta(f *testing.F) {
	tools := fuzzTools(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := fuzzState(t, tools, b); st != nil && st.meta.Period != nil && st.meta.Period.End < st.meta.Period.Start {
			t.Fatalf("period %v ends before it starts", st.meta.Period)
		}
	})
}

func FuzzCounts(f *testing.F) {
	tools := fuzzTools(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := fuzzState(t, tools, b); st != nil {
			for _, c := range st.extractCounts() {
				if c.Span[0] > c.Span[1] || c.Span[1] > len(st.doc.Runes()) {
					t.Fatalf("count span %v", c.Span)
				}
			}
		}
	})
}

func FuzzCenters(f *testing.F) {
	tools := fuzzTools(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := fuzzState(t, tools, b); st != nil {
			for _, c := range st.extractCenters() {
				if c.Name == "" {
					t.Fatalf("center without a name: %+v", c)
				}
			}
		}
	})
}

func FuzzCoverage(f *testing.F) {
	tools := fuzzTools(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := fuzzState(t, tools, b); st != nil {
			for _, c := range st.extractCoverage() {
				if c.Missing == nil {
					t.Fatalf("coverage with nil missing list")
				}
			}
		}
	})
}

func FuzzActivities(f *testing.F) {
	tools := fuzzTools(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		if st := fuzzState(t, tools, b); st != nil {
			for _, a := range st.extractActivities() {
				if a.Start != nil && a.End != nil && *a.End < *a.Start {
					t.Fatalf("activity ends before it starts: %+v", a)
				}
			}
		}
	})
}
