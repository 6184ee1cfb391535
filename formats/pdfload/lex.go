package pdfload

import (
	"bytes"
	"io"
	"strconv"
	"strings"

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
// extraction needs; inline images are skipped. The operands live until do
// returns: strings may share data's bytes and arrays are reused.
func lexContent(data []byte, do func(op string, args []operand)) {
	var stack []operand
	var arrays [][]operand // open arrays
	var spare [][]operand  // emptied arrays to fill again
	names := map[string]string{}
	push := func(o operand) {
		if n := len(arrays); n > 0 {
			arrays[n-1] = append(arrays[n-1], o)
			return
		}
		if len(stack) < 64 {
			stack = append(stack, o)
		}
	}
	// release hands the arrays of the operands just used back for reuse
	release := func() {
		for _, o := range stack {
			if o.kind == '[' && len(spare) < 16 {
				spare = append(spare, o.arr[:0])
			}
		}
		stack = stack[:0]
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
				var a []operand
				if k := len(spare); k > 0 {
					a, spare = spare[k-1], spare[:k-1]
				}
				arrays = append(arrays, a)
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
			name, ok := names[string(data[i+1:j])]
			if !ok {
				name = string(data[i+1 : j])
				if len(names) < 4096 {
					names[name] = name
				}
			}
			push(operand{kind: '/', str: name})
			i = j
		case (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.':
			j := i + 1
			for j < n && (data[j] >= '0' && data[j] <= '9' || data[j] == '.' || data[j] == '-') {
				j++
			}
			push(operand{kind: 'n', num: parseNumber(data[i:j])})
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
			op := operatorName(data[i:j])
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
				release()
				do("BI", nil) // the image is skipped, not its being drawn
				continue
			}
			arrays = arrays[:0]
			do(op, stack)
			release()
		}
	}
}

// operatorName returns the operator spelled by b; the operators of the
// standard cost no allocation.
func operatorName(b []byte) string {
	if op, ok := operators[string(b)]; ok {
		return op
	}
	return string(b)
}

// operators holds the content-stream operators of ISO 32000 (and the
// keywords true, false and null) as strings.
var operators = func() map[string]string {
	m := map[string]string{}
	for _, op := range strings.Fields(`b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' " true false null`) {
		m[op] = op
	}
	return m
}()

// parseNumber reads a content-stream number: an optional sign, digits and
// at most one point. Up to 15 significant digits it is computed exactly
// (one correctly rounded division), as strconv would; anything else goes
// to strconv, and a malformed number reads as 0, as PDF readers do.
func parseNumber(b []byte) float64 {
	i, neg := 0, false
	if i < len(b) && (b[i] == '-' || b[i] == '+') {
		neg = b[i] == '-'
		i++
	}
	var mant uint64
	digits, frac, point := 0, 0, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			if mant == 0 && c == '0' && !point {
				continue // leading zeros
			}
			mant = mant*10 + uint64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point:
			point = true
		default:
			f, _ := strconv.ParseFloat(string(b), 64) // 0 when malformed, ±Inf when too large
			return f
		}
		if digits > 15 {
			f, _ := strconv.ParseFloat(string(b), 64)
			return f
		}
	}
	f := float64(mant)
	if frac > 0 {
		f /= pow10[frac]
	}
	if neg {
		f = -f
	}
	return f
}

var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16}

// lexLiteral reads the literal string that starts at data[i], '(',
// returning its bytes and the index after it.
func lexLiteral(data []byte, i int) (string, int) {
	// most strings hold no escape and no parenthesis: one copy
	for j := i + 1; j < len(data); j++ {
		if c := data[j]; c == ')' {
			return string(data[i+1 : j]), j + 1
		} else if c == '\\' || c == '(' {
			break
		}
	}
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
