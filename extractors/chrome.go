package extractors

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"qcweave/cnparse"
	"qcweave/document"
)

// Page furniture: the lines a web page, a print-out or a news site puts
// around a story. They carry the page's date and sometimes its headline's
// place, but no fact of the story: extractors read the body only.

// chrome kinds.
const (
	chromeNone       = ""
	chromeBreadcrumb = "breadcrumb" // 当前位置: 首页 > 新闻 > …
	chromeByline     = "byline"     // 发布时间: 2024-10-29  来源: …  浏览次数: …
	chromeContact    = "contact"    // 联系人 / 电话 / 手机号码 …
	chromeShare      = "share"      // 分享到, 打印本页, 上一篇 …
	chromeImage      = "image"      // 图片1.jpg, (资料图)
	chromeFooter     = "footer"     // ICP备, 版权所有, Copyright
	chromeColumn     = "column"     // a section name: 本院动态, 省中心动态详细
	chromeFollow     = "follow"     // 关注…: a prompt to follow a site or account
	chromeRelated    = "related"    // under 相关新闻 or 网友评论: other pages' links, visitors' comments
)

var (
	reBreadcrumb = regexp.MustCompile(`^(?:当前位置|您的位置|你的位置|我的位置|您现在的位置|你现在的位置|所在位置|现在位置|位置)\s*[:：]|首页\s*[>＞»›/\-]|(?:\S\s*[>＞»›]\s*){2,}`)
	// labelled fields of a byline; a line made of them (and dates, times,
	// names and numbers) is a byline
	reBylineField = regexp.MustCompile(`(?:发布时间|发布日期|发表时间|发稿时间|更新时间|上传时间|录入时间|时间|日期|来源|信息来源|文章来源|稿件来源|作者|撰稿|供稿|通讯员|摄影|编辑|责任编辑|审核|浏览次数|浏览量|浏览|阅读次数|阅读量|阅读|点击数|点击量|点击|访问量|字号|字体|背景颜色|打印|关闭|收藏|听新闻)\s*[:：]?`)
	reDateTime    = regexp.MustCompile(`^\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?|^\d{1,2}\.\d{1,2}\.\d{4}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?`)
	reContact     = regexp.MustCompile(`(?:联系人|联系电话|电话|手机号码|手机|传真|邮编|邮箱|E-?mail|电子邮件)\s*[:：]`)
	reShare       = regexp.MustCompile(`^(?:分享到|分享|打印本页|打印|关闭窗口|关闭|返回顶部|返回|上一篇|下一篇|上一条|下一条|【?字体|【?字号|扫一扫|微信扫一扫|相关附件|相关链接)`)
	reImageName   = regexp.MustCompile(`(?i)^[^\s。，]{0,40}\.(?:jpe?g|png|gif|bmp|webp|tiff?)$|^[（(]?(?:资料图|资料图片|图片来源[^)）]*|图片|视频)[)）]?$`)
	reFooter      = regexp.MustCompile(`(?i)ICP\s*备|ICP证|公网安备|版权所有|Copyright|©|技术支持\s*[:：]|网站标识码|网站地图|主办单位\s*[:：]|承办单位\s*[:：].{0,20}$|地址\s*[:：]`)
	reColumn      = regexp.MustCompile(`(?:动态|新闻|资讯|要闻|快讯|公告|通知公告|信息|工作动态|院务公开|图片新闻|中心动态)(?:详细|详情|正文|内容)?$`)
	reFollow      = regexp.MustCompile(`^(?:关注|订阅|扫码关注|长按关注)[\p{Han}A-Za-z]{2,12}$`)
)

// chromeKind tells what kind of page furniture a paragraph is, or "".
func chromeKind(p string) string {
	t := strings.TrimSpace(p)
	n := utf8.RuneCountInString(t)
	if n == 0 {
		return chromeNone
	}
	if n > 160 {
		return chromeNone
	}
	// each pattern runs only on a line that holds what every one of its
	// matches holds (a colon, a chevron, a dot …): most lines of a body
	// are tested by a few byte scans, not by the regular expressions
	colon := strings.ContainsAny(t, ":：")
	sentence := strings.Contains(t, "。")
	switch {
	case (colon || strings.ContainsAny(t, ">＞»›") || strings.Contains(t, "首页")) &&
		reBreadcrumb.MatchString(t) && !strings.ContainsAny(t, "。，"):
		return chromeBreadcrumb
	case !sentence && isByline(t, colon):
		return chromeByline
	case (strings.Contains(t, ".") || strings.Contains(t, "图") || strings.Contains(t, "视频")) && reImageName.MatchString(t):
		return chromeImage
	case n <= 40 && reShare.MatchString(t):
		return chromeShare
	case !sentence && footerHint(t) && reFooter.MatchString(t):
		return chromeFooter
	case colon && !sentence && strings.ContainsAny(t, "0123456789") && reContact.MatchString(t):
		return chromeContact
	case n <= 16 && reFollow.MatchString(t):
		return chromeFollow
	}
	if n <= 12 && reColumn.MatchString(strings.ReplaceAll(t, " ", "")) && !strings.ContainsAny(t, "，。") {
		return chromeColumn
	}
	if i := strings.LastIndexAny(t, " \u3000"); i > 0 && n <= 40 {
		// 四川省妇产科质量控制中心 省中心动态详细: a site name and a section
		last := strings.TrimSpace(t[i:])
		if utf8.RuneCountInString(last) <= 10 && reColumn.MatchString(last) && strings.HasSuffix(last, "详细") {
			return chromeColumn
		}
	}
	return chromeNone
}

// footerHint reports whether t holds what one of reFooter's alternatives
// holds: a word of its own (备案 numbers, copyright, a site's map) or the
// label before a colon.
func footerHint(t string) bool {
	for _, w := range []string{"©", "公网安备", "版权所有", "网站", "技术支持", "主办单位", "承办单位", "地址"} {
		if strings.Contains(t, w) {
			return true
		}
	}
	return containsFold(t, "icp") || containsFold(t, "copyright")
}

// containsFold reports whether s contains the ASCII word w in any case.
func containsFold(s, w string) bool {
	for i := 0; i+len(w) <= len(s); i++ {
		if c := s[i] | 0x20; c == w[0] && strings.EqualFold(s[i:i+len(w)], w) {
			return true
		}
	}
	return false
}

// bylineChars holds a character of every field reBylineField knows.
const bylineChars = "时日源者稿员影辑核览读击量号体色印闭藏闻"

// isByline reports whether t is a byline: labelled fields of a news page
// (发布时间, 来源, 作者, 浏览次数 …) with nothing that reads as a sentence,
// or a date and time alone on a line.
func isByline(t string, colon bool) bool {
	if strings.Contains(t, "。") {
		return false
	}
	if t[0] >= '0' && t[0] <= '9' && reDateTime.MatchString(t) {
		rest := reDateTime.ReplaceAllString(t, "")
		rest = reBylineField.ReplaceAllString(rest, "")
		// what is left are the fields' values: a source, an author, a count
		return utf8.RuneCountInString(strings.TrimSpace(rest)) <= 30
	}
	// a byline's fields are labelled (发布时间：) or counted (浏览次数)
	if !colon && !strings.Contains(t, "浏览") && !strings.Contains(t, "点击") && !strings.Contains(t, "阅读") {
		return false
	}
	if !strings.ContainsAny(t, bylineChars) {
		return false
	}
	fields := reBylineField.FindAllStringIndex(t, -1)
	if len(fields) == 0 {
		return false
	}
	labelled := 0
	for _, f := range fields {
		field := t[f[0]:f[1]]
		if strings.HasSuffix(field, ":") || strings.HasSuffix(field, "：") || strings.HasPrefix(field, "浏览") || strings.HasPrefix(field, "点击") || strings.HasPrefix(field, "阅读") {
			labelled++
		}
	}
	if labelled == 0 {
		return false
	}
	// a byline is short and made of fields: at most a few runes between them
	rest := reBylineField.ReplaceAllString(t, "")
	return utf8.RuneCountInString(rest) <= 20*len(fields)+20 && (len(fields) >= 2 || bylineDate(t) != nil) ||
		len(fields) == 1 && reCreditLine.MatchString(t)
}

// reCreditLine matches a line that is one labelled credit, the source or
// the writer of a page (来源:某某委员会医政科), which a byline may put on a
// line of its own.
var reCreditLine = regexp.MustCompile(`^(?:来源|信息来源|文章来源|稿件来源|作者|撰稿|供稿|通讯员|摄影|责任编辑|编辑|审核)\s*[:：]\s*[^\s:：，。,]{0,24}$`)

// bylineDate returns the date of a byline (the publication date), or nil.
func bylineDate(t string) *cnparse.Date {
	for _, m := range cnparse.FindDates(t, 0) {
		if m.Precision == cnparse.Day && m.HasYear {
			d := m.From
			return &d
		}
	}
	return nil
}

// reRelatedHead matches the heading of a page's block of links to other
// pages (相关新闻, 相关链接, 推荐阅读 …) or of its visitors' comments
// (网友评论（3）, 我要评论), alone on its line.
var reRelatedHead = regexp.MustCompile(`^[【\[]?(?:相关新闻|相关链接|相关阅读|相关文章|相关报道|相关推荐|相关资讯|推荐阅读|延伸阅读|热点推荐|热门推荐|热门文章|猜你喜欢|更多新闻|网友评论|读者评论|最新评论|评论区|发表评论|我要评论)[】\]]?\s*(?:[（(]\s*\d+\s*[)）])?\s*[:：]?$`)

// relatedTail marks as furniture the paragraphs under a heading of related
// links or comments that follows the story: other pages' headlines and
// their dates, visitors' comments and their times. It stops at a
// paragraph that reads as a story's running text (a long sentence).
func relatedTail(doc *document.Document, all []document.Block, chrome []string) {
	body := false
	for i := range all {
		t := strings.TrimSpace(doc.Slice(all[i].Span))
		if !body {
			body = chrome[i] == chromeNone && isBody(t)
			continue
		}
		if utf8.RuneCountInString(t) > 12 || !reRelatedHead.MatchString(strings.ReplaceAll(t, " ", "")) {
			continue
		}
		chrome[i] = chromeRelated
		for j := i + 1; j < len(all); j++ {
			p := strings.TrimSpace(doc.Slice(all[j].Span))
			if chrome[j] != chromeNone {
				continue
			}
			if strings.Contains(p, "。") && utf8.RuneCountInString(p) > 60 {
				break
			}
			chrome[j] = chromeRelated
		}
		return
	}
}
