package layout

import "golang.org/x/text/unicode/norm"

// radicals maps CJK Radicals Supplement characters (U+2E80–U+2EF3) that
// some fonts' ToUnicode maps give instead of the ideograph (Chromium's
// subset fonts write 民 as ⺠, 门 as ⻔) to the ideograph. Unicode gives no
// compatibility mapping for most of them; the targets follow the
// characters' names (CJK RADICAL C-SIMPLIFIED GATE → 门).
var radicals = map[rune]rune{
	'⺀': '冫', '⺁': '厂', '⺅': '亻', '⺇': '几', '⺉': '刂', '⺊': '卜', '⺋': '卩', '⺌': '小',
	'⺍': '小', '⺎': '兀', '⺏': '尣', '⺐': '尢', '⺑': '尣', '⺒': '巳', '⺓': '幺', '⺔': '彑',
	'⺕': '彐', '⺖': '忄', '⺗': '㣺', '⺘': '扌', '⺙': '攵', '⺛': '旡', '⺜': '日', '⺝': '月',
	'⺞': '歺', '⺟': '母', '⺠': '民', '⺡': '氵', '⺢': '氺', '⺣': '灬', '⺤': '爫', '⺥': '爫',
	'⺦': '丬', '⺧': '牛', '⺨': '犭', '⺩': '王', '⺪': '疋', '⺫': '目', '⺬': '示', '⺭': '礻',
	'⺮': '竹', '⺯': '糸', '⺰': '纟', '⺱': '罓', '⺲': '罒', '⺳': '网', '⺴': '罓', '⺵': '罓',
	'⺶': '羊', '⺷': '羊', '⺸': '羊', '⺹': '耂', '⺺': '肀', '⺻': '聿', '⺼': '月', '⺽': '臼',
	'⺾': '艹', '⺿': '艹', '⻀': '艹', '⻁': '虎', '⻂': '衤', '⻃': '覀', '⻄': '西', '⻅': '见',
	'⻆': '角', '⻇': '角', '⻈': '讠', '⻉': '贝', '⻊': '足', '⻋': '车', '⻌': '辶', '⻍': '辶',
	'⻎': '辶', '⻏': '阝', '⻐': '钅', '⻑': '長', '⻒': '镸', '⻓': '长', '⻔': '门', '⻕': '阝',
	'⻖': '阝', '⻗': '雨', '⻘': '青', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻝': '食',
	'⻞': '飠', '⻟': '飠', '⻠': '饣', '⻡': '首', '⻢': '马', '⻣': '骨', '⻤': '鬼', '⻥': '鱼',
	'⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻫': '斉', '⻬': '齐', '⻭': '歯',
	'⻮': '齿', '⻯': '竜', '⻰': '龙', '⻱': '龜', '⻲': '亀', '⻳': '龟',
}

// foldIdeograph maps radical and compatibility forms of ideographs to the
// unified ideograph (⼼ U+2F3C → 心, 﨑 → 崎 stays a distinct character only
// where Unicode says so).
func foldIdeograph(r rune) rune {
	switch {
	case r >= 0x2E80 && r <= 0x2EFF:
		if t, ok := radicals[r]; ok {
			return t
		}
	case r >= 0x2F00 && r <= 0x2FDF, r >= 0xF900 && r <= 0xFAFF:
		s := norm.NFKC.String(string(r))
		if rs := []rune(s); len(rs) == 1 {
			return rs[0]
		}
	}
	return r
}
