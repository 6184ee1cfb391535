package oneline

import (
	"strings"
	"testing"
)

func TestPath(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"通报.pdf", "通报.pdf"},
		{"dir/a b'c\"🙂.txt", "dir/a b'c\"🙂.txt"},
		{"-rf.txt", "-rf.txt"},
		{"e\nmpty.txt", `"e\nmpty.txt"`},
		{"cr\r.txt", `"cr\r.txt"`},
		{"ls\u2028.txt", `"ls\u2028.txt"`},
		{"bad\xff.txt", `"bad\xff.txt"`},
		{"esc\x1b[31m.txt", `"esc\x1b[31m.txt"`},
	} {
		if got := Path(c.in); got != c.want {
			t.Errorf("Path(%q) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestLine(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"qcweave: 通报.pdf: empty file", "qcweave: 通报.pdf: empty file"},
		{"a\tb", "a\tb"},
		{"open e\nmpty.db: no", `open e\nmpty.db: no`},
		{"x\r\x00\u2029y\xfe", `x\r\x00\u2029y\xfe`},
	} {
		got := Line(c.in)
		if got != c.want {
			t.Errorf("Line(%q) = %s, want %s", c.in, got, c.want)
		}
		if strings.ContainsAny(got, "\n\r") {
			t.Errorf("Line(%q) breaks the line", c.in)
		}
	}
}
