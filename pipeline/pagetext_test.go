package pipeline

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A web page's text is counted without its markup, comments, scripts,
// styles and spaces; an entity is one character; a GBK page's bytes two
// to a character.
func TestPageText(t *testing.T) {
	gbk, _ := simplifiedchinese.GBK.NewEncoder().String("质控中心名单")
	for _, tt := range []struct {
		name, page string
		want       int
	}{
		{"text in tags", `<p class="x">质控中心</p>`, 4},
		{"spaces", "<p>质控 \n\t中心　</p>", 4},
		{"comment", "<!-- <p>名单</p> -->通报", 2},
		{"script and style", `<SCRIPT>var a="<p>名单</p>";</Script><style>p{}</style>通报`, 2},
		{"entities", "&#36136;&amp;&nbsp;控", 4},
		{"gbk bytes", "<p>" + gbk + "</p>", 6},
		{"unclosed tag", "名单<p class=", 2},
	} {
		if got := pageText([]byte(tt.page), 100); got != tt.want {
			t.Errorf("%s: %d characters, want %d", tt.name, got, tt.want)
		}
	}
}

// A web page of more text than a document holds is refused before it is
// laid out; one as large in bytes whose size is markup and script is not.
func TestPageTooLongRefusedUnread(t *testing.T) {
	text := strings.Repeat("质控中心名单通报", MaxText/8+1)
	if err := textFileSize([]byte("<html><body><p>" + text + "</p></body></html>")); !errors.Is(err, ErrTextTooLong) || !strings.Contains(err.Error(), "web page") {
		t.Errorf("a page of %d characters: %v", len([]rune(text)), err)
	}
	markup := "<html><body>" + strings.Repeat(`<div class="nav"><a href="/x">首页</a></div>`, MaxText/20) +
		"<script>" + strings.Repeat("var x = 1;", MaxText/5) + "</script></body></html>"
	if err := textFileSize([]byte(markup)); err != nil {
		t.Errorf("a page of %d bytes of markup: %v", len(markup), err)
	}
}
