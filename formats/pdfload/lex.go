package pdfload

import (
	"bytes"
	"io"
	"strconv"

	lpdf "github.com/ledongthuc/pdf"
)

// operand is a value on a content stream's operand stack.
type operand struct {
	kind byte // 'n' number, 's' string, '/' name, '[' array, 'o' other (dict, bool, null)
	num  float64
	str  string
	arr  []operand
}

// Float64 returns a number operand.
func (o operand) Float64() float64 { return o.num }

// Name returns a name operand without its slash.
func (o operand) Name() string { return o.str }

// RawString returns a string operand's bytes.
func (o operand) RawString() string { return o.str }

// maxContent bounds the decoded size of one content stream.
const maxContent = 16 << 20

// streamBytes returns the decoded bytes of a content stream or an array of
// them.
func streamBytes(v lpdf.Value) []byte {
	var buf bytes.Buffer
	read := func(s lpdf.Value) {
		rd := s.Reader()
		if rd == nil {
			return
		}
		defer rd.Close()
		io.Copy(&buf, io.LimitReader(rd, maxContent-int64(buf.Len())))
		buf.WriteByte('\n')
	}
	if v.Kind() == lpdf.Array {
		for i := 0; i < v.Len() && buf.Len() < maxContent; i++ {
			read(v.Index(i))
		}
	} else {
		read(v)
	}
	return buf.Bytes()
}

// lexContent calls do for every operator of a content stream with its
// operands. It is a small, allocation-light lexer for the operators text
// extraction needs; inline images are skipped.
func lexContent(data []byte, do func(op string, args []operand)) {
	var stack []operand
	var arrays [][]operand // open arrays
	push := func(o operand) {
		if n := len(arrays); n > 0 {
			arrays[n-1] = append(arrays[n-1], o)
			return
		}
		if len(stack) < 64 {
			stack = append(stack, o)
		}
	}
	i, n := 0, len(data)
	for i < n {
		c := data[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < n && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c == '(':
			s, j := lexLiteral(data, i)
			i = j
			push(operand{kind: 's', str: s})
		case c == '<' && i+1 < n && data[i+1] == '<':
			// a dictionary operand (marked content, inline image): skip it
			depth := 0
			for i < n {
				if i+1 < n && data[i] == '<' && data[i+1] == '<' {
					depth++
					i += 2
					continue
				}
				if i+1 < n && data[i] == '>' && data[i+1] == '>' {
					depth--
					i += 2
					if depth == 0 {
						break
					}
					continue
				}
				if data[i] == '(' {
					_, i = lexLiteral(data, i)
					continue
				}
				i++
			}
			push(operand{kind: 'o'})
		case c == '<':
			j := i + 1
			var hexb []byte
			hi := -1
			for j < n && data[j] != '>' {
				if v := hexVal(data[j]); v >= 0 {
					if hi < 0 {
						hi = v
					} else {
						hexb = append(hexb, byte(hi<<4|v))
						hi = -1
					}
				}
				j++
			}
			if hi >= 0 {
				hexb = append(hexb, byte(hi<<4))
			}
			i = j + 1
			push(operand{kind: 's', str: string(hexb)})
		case c == '[':
			if len(arrays) < 16 {
				arrays = append(arrays, nil)
			}
			i++
		case c == ']':
			i++
			if k := len(arrays); k > 0 {
				a := arrays[k-1]
				arrays = arrays[:k-1]
				push(operand{kind: '[', arr: a})
			}
		case c == '/':
			j := i + 1
			for j < n && !isDelim(data[j]) {
				j++
			}
			push(operand{kind: '/', str: string(data[i+1 : j])})
			i = j
		case (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.':
			j := i + 1
			for j < n && (data[j] >= '0' && data[j] <= '9' || data[j] == '.' || data[j] == '-') {
				j++
			}
			f, _ := strconv.ParseFloat(string(data[i:j]), 64)
			push(operand{kind: 'n', num: f})
			i = j
		default:
			j := i
			for j < n && !isDelim(data[j]) {
				j++
			}
			if j == i {
				i++ // a stray delimiter such as ')' or '{'
				continue
			}
			op := string(data[i:j])
			i = j
			switch op {
			case "true", "false", "null":
				push(operand{kind: 'o'})
				continue
			case "BI":
				// inline image: skip to EI after the data
				k := bytes.Index(data[i:], []byte("ID"))
				if k < 0 {
					return
				}
				i += k + 2
				for i+2 < n && !(isWhite(data[i-1]) && data[i] == 'E' && data[i+1] == 'I' && (i+2 == n || isDelim(data[i+2]))) {
					i++
				}
				i += 2
				stack = stack[:0]
				do("BI", nil) // the image is skipped, not its being drawn
				continue
			}
			arrays = arrays[:0]
			do(op, stack)
			stack = stack[:0]
		}
	}
}

func lexLiteral(data []byte, i int) (string, int) {
	var b []byte
	depth := 0
	n := len(data)
	for i < n {
		c := data[i]
		switch c {
		case '(':
			if depth > 0 {
				b = append(b, c)
			}
			depth++
			i++
		case ')':
			depth--
			i++
			if depth == 0 {
				return string(b), i
			}
			b = append(b, c)
		case '\\':
			i++
			if i >= n {
				return string(b), i
			}
			e := data[i]
			switch e {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			case '\r':
				if i+1 < n && data[i+1] == '\n' {
					i++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := 0
					k := 0
					for k < 3 && i < n && data[i] >= '0' && data[i] <= '7' {
						v = v*8 + int(data[i]-'0')
						i++
						k++
					}
					b = append(b, byte(v))
					continue
				}
				b = append(b, e)
			}
			i++
		default:
			b = append(b, c)
			i++
		}
	}
	return string(b), i
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return isWhite(c) || c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' || c == '%'
}
