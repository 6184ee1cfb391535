package extractors

import (
	"strings"
	"testing"
)

// The cheap hints before the footer and byline patterns pass every line a
// pattern matches: one example for each alternative of each pattern.
func TestChromeHints(t *testing.T) {
	footers := []string{"京ICP 备12345678号", "ICP证010101号", "京公网安备 11010502030号", "版权所有：某某市卫生健康委员会",
		"copyright 2024 某某医院", "© 2024 某某医院", "技术支持：某某科技公司", "网站标识码3301000001", "网站地图",
		"主办单位：某某市卫生健康委员会", "承办单位：某某信息中心", "地址：某某路1号"}
	if n := strings.Count(reFooter.String(), "|") + 1; n != len(footers) {
		t.Fatalf("reFooter has %d alternatives, the test %d examples: give the new one an example", n, len(footers))
	}
	for _, f := range footers {
		if !reFooter.MatchString(f) {
			t.Errorf("%q is no footer: the example is wrong", f)
		}
		if !footerHint(f) {
			t.Errorf("footerHint(%q) = false: the pattern would never run on it", f)
		}
	}
	if footerHint("2024年5月8日，市护理质控中心召开会议") {
		t.Error("footerHint passes a sentence with no footer word")
	}
	src := reBylineField.String()
	fields := strings.Split(src[strings.Index(src, "(?:")+3:strings.Index(src, ")")], "|")
	for _, f := range fields {
		if !strings.ContainsAny(f, bylineChars) {
			t.Errorf("byline field %q has none of bylineChars: the pattern would never run on it", f)
		}
	}
	if !containsFold("ABC Copyright", "copyright") || !containsFold("CopyRight", "copyright") || containsFold("copyrigh", "copyright") {
		t.Error("containsFold")
	}
}

// The words a paragraph must hold before the list and coverage patterns
// run are in every alternative of those patterns.
func TestPatternHints(t *testing.T) {
	for _, alt := range strings.Split(reColMissing.String(), "|") {
		if !strings.ContainsAny(alt, "未缺空") {
			t.Errorf("missing-column name %q has none of 未缺空: mergedCoverageHeaders would skip it", alt)
		}
	}
	src := reListTail.String()
	if !strings.HasSuffix(src, "(?:质量控制中心|质控中心)") {
		t.Errorf("reListTail %q no longer ends in a center: listCenters's gate needs one", src)
	}
}
