package ocr

import (
	"strings"
	"testing"
	"unicode/utf8"

	"qcweave/layout"
)

// doc builds the lines of a document and their alternatives: in each line
// a digit followed by [d] has d as an alternative (conf 60), e.g.
// "2[0]925年" reads 2925 with 0 weighed for its 9.
func doc(src ...string) ([]layout.Line, []map[int][]Choice) {
	var lines []layout.Line
	var alts []map[int][]Choice
	for _, s := range src {
		var text []rune
		var a map[int][]Choice
		rs := []rune(s)
		for i := 0; i < len(rs); i++ {
			if rs[i] == '[' {
				j := i + 1
				for rs[j] != ']' {
					if a == nil {
						a = map[int][]Choice{}
					}
					a[len(text)-1] = append(a[len(text)-1], Choice{string(rs[j]), 60})
					j++
				}
				i = j
				continue
			}
			text = append(text, rs[i])
		}
		lines = append(lines, layout.Line{Text: string(text)})
		alts = append(alts, a)
	}
	return lines, alts
}

func texts(lines []layout.Line) string {
	var out []string
	for _, l := range lines {
		out = append(out, l.Text)
	}
	return strings.Join(out, "\n")
}

// Each phenomenon of a misread number that the document itself shows to
// be wrong, in an invented bulletin.
func TestCorrect(t *testing.T) {
	head := []string{"青禾省质控工作简报", "（2031年第2季度）", "青禾省质控办公室", "2031年6月30日"}
	for _, tc := range []struct {
		name       string
		body, want string
	}{
		// a year no sure reading confirms: the alternative that makes a
		// confirmed year
		{"year by alternative", "29[0]31年4月3日，某中心开会。", "2031年4月3日，某中心开会。"},
		// a year after every confirmed one, without alternatives: the
		// commonly confused digit (9 for 0)
		{"future year", "2931年5月8日，某中心调研。", "2031年5月8日，某中心调研。"},
		// a year that is confirmed stays, alternatives or not
		{"sure year kept", "20[9]31年5月8日，某中心调研。", "2031年5月8日，某中心调研。"},
		// a date after the document's date: the alternative before it
		{"after the document", "2031年6月39[0]日，某中心培训。", "2031年6月30日，某中心培训。"},
		// a date outside the quarter: the alternative inside it
		{"outside the period", "2031年8[5]月12日，某中心督导。", "2031年5月12日，某中心督导。"},
		// no calendar day: the alternative that is one
		{"no such day", "2031年4月3[2]1日，某中心督导。", "2031年4月21日，某中心督导。"},
		// the weekday named beside it (2031-05-13 is a Tuesday)
		{"weekday", "5月18[3]日（星期二），某中心开会。", "5月13日（星期二），某中心开会。"},
		// a date that passes every check keeps its digits
		{"right date kept", "2031年5月18[3]日，某中心开会。", "2031年5月18日，某中心开会。"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, alts := doc(append(append([]string{}, head...), tc.body, "2031年4月9日某中心成立。")...)
			Correct(lines, alts)
			if got := lines[len(head)].Text; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// A quarter's numeral read as a character takes the alternative numeral,
// or without one the quarter of most of the document's dates.
func TestCorrectQuarter(t *testing.T) {
	for _, tc := range []struct {
		name, head, want string
	}{
		{"alternative", "（2031年第工[3]季度）", "（2031年第3季度）"},
		{"the dates' quarter", "（2031年第工季度）", "（2031年第2季度）"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			lines, alts := doc("青禾省质控工作简报", tc.head, "2031年4月3日，甲中心开会。", "2031年5月8日，乙中心调研。", "2031年1月2日，丙中心成立。")
			Correct(lines, alts)
			if got := lines[1].Text; got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
	// the corrected quarter is the period the dates are checked against
	lines, alts := doc("简报", "（2031年第工季度）", "2031年4月3日甲。", "2031年5月8日乙。", "2031年8[5]月9日丙。")
	Correct(lines, alts)
	if got := texts(lines); !strings.Contains(got, "2031年5月9日丙") {
		t.Errorf("the date outside the quarter was not corrected:\n%s", got)
	}
}

// The second reading replaces a word's digits where it read as many and
// surer, keeping the other characters; it keeps the first reading's
// digits as alternatives.
func TestApplyLooks(t *testing.T) {
	words := []Word{
		{Line: 1, Left: 100, Top: 100, Width: 80, Height: 30, Conf: 40, Text: "》169"},
		{Line: 1, Left: 200, Top: 100, Width: 40, Height: 30, Conf: 95, Text: "本"},
		{Line: 1, Left: 300, Top: 100, Width: 40, Height: 30, Conf: 60, Text: "86"},
	}
	slots := []slot{{word: 0, y0: 40, y1: 100, x0: 70}, {word: 2, y0: 200, y1: 260, x0: 270}}
	// symbols in sheet pixels: x = (page x - x0) * 1.5
	sym := func(x, y float64, text string, conf float64, alts ...Choice) symbol {
		return symbol{text: text, conf: conf, box: [4]float64{(x - 5) * lookScale, y, (x + 5) * lookScale, y + 20}, alts: alts}
	}
	syms := []symbol{
		sym(50, 50, "1", 95), sym(62, 50, "0", 95, Choice{"9", 40}), sym(74, 50, "0", 95),
		sym(40, 210, "8", 50), sym(52, 210, "9", 50),
	}
	got := applyLooks(words, slots, syms)
	if got[0].Text != "》100" || got[0].Conf != 95 {
		t.Errorf("word 0: %q (%.0f), want 》100", got[0].Text, got[0].Conf)
	}
	if a := got[0].Alts; len(a) != 4 || !hasChoice(a[2], "6") || !hasChoice(a[2], "9") || !hasChoice(a[3], "9") || len(a[1]) != 0 {
		t.Errorf("word 0 alternatives %v", a)
	}
	if got[2].Text != "86" {
		t.Errorf("word 2: %q, want the surer first reading 86", got[2].Text)
	}
	if a := got[2].Alts; len(a) != 2 || !hasChoice(a[1], "9") {
		t.Errorf("word 2 alternatives %v", a)
	}
	if words[0].Text != "》169" {
		t.Error("the words given were changed")
	}
}

// hOCR with character boxes and choices reads as symbols with their
// alternatives.
func TestParseHOCR(t *testing.T) {
	h := `<div class='ocr_page'><span class='ocrx_word' title='bbox 1 2 30 40; x_wconf 90'>
<span class='ocrx_cinfo' title='x_bboxes 1 2 10 40; x_conf 91.5'>2</span>
<span class='ocrx_cinfo' id='lstm_choices_1_1_1'>
 <span class='ocrx_cinfo' id='choice_1_1_1' title='x_confs 88.1'>2</span>
 <span class='ocrx_cinfo' id='choice_1_1_2' title='x_confs 12.5'>7</span>
</span>
<span class='ocrx_cinfo' title='x_bboxes 11 2 20 40; x_conf 70'>9</span>
<span class='ocrx_cinfo' id='lstm_choices_1_1_2'>
 <span class='ocrx_cinfo' id='choice_1_1_3' title='x_confs 65'>9</span>
 <span class='ocrx_cinfo' id='choice_1_1_4' title='x_confs 60'>0</span>
</span></span></div>`
	got := parseHOCR([]byte(h))
	if len(got) != 2 || got[0].text != "2" || got[0].conf != 91.5 || got[0].box != [4]float64{1, 2, 10, 40} ||
		got[1].text != "9" || len(got[1].alts) != 2 || got[1].alts[1] != (Choice{"0", 60}) {
		t.Errorf("got %+v", got)
	}
}

// Lines keep each word's alternatives at the characters' offsets in the
// line's text.
func TestLinesAlts(t *testing.T) {
	words := ParseTSV(tsv([][]any{{100, 600, 100, 200, "会议于", 330, 80, "2925", 420, 60, "年"}}))
	words[1].Alts = [][]Choice{nil, {{"0", 60}}, nil, nil}
	lines, alts := linesAlts(words, 1)
	if len(lines) != 1 || lines[0].Text != "会议于2925年" {
		t.Fatalf("lines %v", lines)
	}
	if a := alts[0][4]; len(a) != 1 || a[0].Text != "0" || utf8.RuneCountInString("会议于2") != 4 {
		t.Errorf("alternatives %v", alts[0])
	}
}

// An angle bracket paired with a round one is the round one misread; a
// pair of angle brackets, or one with no partner in reach, stays.
func TestCorrectBrackets(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"某省心肺复苏〈CPR）质量控制中心", "某省心肺复苏（CPR）质量控制中心"},
		{"甲乙(丙丁〉戊", "甲乙(丙丁)戊"},
		{"某市静脉治疗<PICC)质控中心", "某市静脉治疗(PICC)质控中心"},
		{"《关于〈某某办法〉的说明》", "《关于〈某某办法〉的说明》"},
		{"a < b, c > d", "a < b, c > d"},
		{"仅有〈一侧", "仅有〈一侧"},
		{"某省体外膜肺《ECMO）质控中心", "某省体外膜肺（ECMO）质控中心"},
		{"某省血液透析〔HD）质控中心", "某省血液透析（HD）质控中心"},
		{"某卫函〔2024〕3号（公开）", "某卫函〔2024〕3号（公开）"},
		{"《某某方案（试行）》", "《某某方案（试行）》"},
		{"（甲乙〕丙", "（甲乙）丙"},
	} {
		lines, alts := doc(c.in)
		Correct(lines, alts)
		if lines[0].Text != c.want {
			t.Errorf("%s: got %s, want %s", c.in, lines[0].Text, c.want)
		}
	}
}
