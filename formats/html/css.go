package html

import (
	"bytes"
	"regexp"
	"strings"

	xhtml "golang.org/x/net/html"
)

// hiddenRules are the simple selectors of a page's <style> rules that
// hide what they select (display:none, visibility:hidden): ".c", "#i",
// "tag.c", "tag#i". Rules inside at-rules (@media print …) and compound
// or descendant selectors are not followed.
type hiddenRules map[string]bool

// reStyleTag finds a <style element, in any case.
var reStyleTag = regexp.MustCompile(`(?i)<style[\s>]`)

// styleRules collects the hiding rules of every <style> element of page b.
func styleRules(b []byte) hiddenRules {
	if !reStyleTag.Match(b) {
		return nil
	}
	rules := hiddenRules{}
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	inStyle := false
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			if len(rules) == 0 {
				return nil
			}
			return rules
		case xhtml.StartTagToken:
			name, _ := z.TagName()
			inStyle = string(name) == "style"
		case xhtml.EndTagToken:
			inStyle = false
		case xhtml.TextToken:
			if inStyle {
				parseCSS(string(z.Text()), rules)
			}
		}
	}
}

// reComment is a CSS comment.
var reComment = regexp.MustCompile(`(?s)/\*.*?\*/`)

// parseCSS adds the hiding simple selectors of the style sheet css.
func parseCSS(css string, rules hiddenRules) {
	css = reComment.ReplaceAllString(css, "")
	for len(css) > 0 {
		open := strings.IndexByte(css, '{')
		if open < 0 {
			return
		}
		sel := strings.TrimSpace(css[:open])
		// the block's end, counting nested braces (an at-rule's rules)
		depth, end := 0, -1
		for i := open; i < len(css); i++ {
			if css[i] == '{' {
				depth++
			} else if css[i] == '}' {
				depth--
				if depth == 0 {
					end = i
					break
				}
			}
		}
		var body string
		if end < 0 { // a block the sheet never closes runs to its end
			body, css = css[open+1:], ""
		} else {
			body, css = css[open+1:end], css[end+1:]
		}
		if strings.HasPrefix(sel, "@") || !hides(body) {
			continue
		}
		for _, s := range strings.Split(sel, ",") {
			if s = strings.ToLower(strings.TrimSpace(s)); simpleSelector(s) {
				rules[s] = true
			}
		}
	}
}

// hides reports whether a declaration block hides its element.
func hides(body string) bool {
	b := strings.ToLower(strings.Join(strings.Fields(body), ""))
	return strings.Contains(b, "display:none") || strings.Contains(b, "visibility:hidden")
}

// reSimple matches a selector of one class or id, with a tag or not.
var reSimple = regexp.MustCompile(`^[a-z0-9]*[.#][-_a-z0-9]+$`)

func simpleSelector(s string) bool { return reSimple.MatchString(s) }

// match reports whether an element (tag, id, class attribute) is hidden by
// the rules.
func (r hiddenRules) match(tag, id, class string) bool {
	if len(r) == 0 {
		return false
	}
	if id != "" {
		id = strings.ToLower(id)
		if r["#"+id] || r[tag+"#"+id] {
			return true
		}
	}
	for _, c := range strings.Fields(strings.ToLower(class)) {
		if r["."+c] || r[tag+"."+c] {
			return true
		}
	}
	return false
}
