// Package oneline keeps a message on its line: a file name may hold a
// line break or another control character (a name made by a script, a
// download, an attachment), and a log of one line per file, or a place
// printed after a quote, must not be cut in two by it.
package oneline

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// plain reports whether s can be printed as it is on one line: valid
// UTF-8 without control characters or Unicode's line and paragraph
// separators.
func plain(s string) bool {
	return utf8.ValidString(s) && strings.IndexFunc(s, func(r rune) bool {
		return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
	}) < 0
}

// Path returns a file path as it is, or, when it holds a control
// character, a line separator or bytes that are not UTF-8, quoted with
// Go's escapes ("a\nb.txt"), so that it prints on one line and says
// exactly which file it is.
func Path(p string) string {
	if plain(p) {
		return p
	}
	return strconv.Quote(p)
}

// Line returns s with its control characters (a tab excepted), line
// separators and bytes that are not UTF-8 written as Go escapes (\n,
// \r, \x00, \u2028), so that it prints as one line.
func Line(s string) string {
	if plain(strings.ReplaceAll(s, "\t", " ")) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(strconv.QuoteToASCII(s[i : i+1])[1:5])
		case r != '\t' && (unicode.IsControl(r) || r == '\u2028' || r == '\u2029'):
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}
