package pdfload

import (
	"io"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// font knows how to split a string of a content stream into character
// codes, decode each to text, and give its advance width.
type font struct {
	twoByte  bool              // Type0 fonts with a two-byte CMap
	gbk      bool              // GBK-EUC-H / GB-EUC-H: one byte below 0x80, two above
	ucs2     bool              // UniGB-UCS2-H: codes are UCS-2
	toUni    *cmap             // ToUnicode, when present
	simple   lpdf.TextEncoding // the library's decoder for simple fonts without ToUnicode
	uniNames map[int]rune      // Differences entries named uniXXXX / uXXXX
	widths   codeMap[float64]  // advance per code, in glyph units
	dw       float64           // default width
	scale    float64           // glyph units to text space (1/1000, or FontMatrix for Type 3)
	vertical bool
	cache    codeMap[string] // decoded text by code
}

// codeMap maps character codes to values: a slice for the codes of one
// and two bytes, looked up for every glyph, and a map for the rest.
type codeMap[V any] struct {
	dense []V
	has   []bool
	other map[int]V
}

const denseCodes = 1 << 16

func (m *codeMap[V]) put(c int, v V) {
	if c < 0 || c >= denseCodes {
		if m.other == nil {
			m.other = map[int]V{}
		}
		m.other[c] = v
		return
	}
	if c >= len(m.dense) {
		n := min(denseCodes, max(c+1, 2*len(m.dense), 256))
		m.dense = append(m.dense, make([]V, n-len(m.dense))...)
		m.has = append(m.has, make([]bool, n-len(m.has))...)
	}
	m.dense[c], m.has[c] = v, true
}

func (m *codeMap[V]) get(c int) (V, bool) {
	if c >= 0 && c < len(m.dense) {
		return m.dense[c], m.has[c]
	}
	v, ok := m.other[c]
	return v, ok
}

// newFont reads a font dictionary.
func newFont(v lpdf.Value) *font {
	f := &font{dw: 0, scale: 0.001}
	sub := v.Key("Subtype").Name()
	enc := v.Key("Encoding")
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		f.toUni = readCMap(tu)
	}
	switch sub {
	case "Type0":
		f.twoByte = true
		name := enc.Name()
		switch {
		case strings.HasPrefix(name, "GBK-EUC") || strings.HasPrefix(name, "GB-EUC") || strings.HasPrefix(name, "GBKp-EUC") || strings.HasPrefix(name, "GBK2K"):
			f.gbk, f.twoByte = true, false
		case strings.HasPrefix(name, "UniGB-UCS2") || strings.HasPrefix(name, "UniGB-UTF16"):
			f.ucs2 = true
		}
		f.vertical = strings.HasSuffix(name, "-V")
		d := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			f.dw = dw.Float64()
		}
		w := d.Key("W")
		for i := 0; i < w.Len(); {
			first := int(w.Index(i).Int64())
			if i+1 >= w.Len() {
				break
			}
			next := w.Index(i + 1)
			if next.Kind() == lpdf.Array {
				for k := 0; k < next.Len() && k < 65536; k++ {
					f.widths.put(first+k, next.Index(k).Float64())
				}
				i += 2
				continue
			}
			if i+2 >= w.Len() {
				break
			}
			last := int(next.Int64())
			wd := w.Index(i + 2).Float64()
			for c := first; c <= last && c-first < 65536; c++ {
				f.widths.put(c, wd)
			}
			i += 3
		}
	default:
		if sub == "Type3" {
			if m := v.Key("FontMatrix"); m.Len() >= 1 {
				f.scale = m.Index(0).Float64()
			}
		}
		first := int(v.Key("FirstChar").Int64())
		ws := v.Key("Widths")
		for i := 0; i < ws.Len() && i < 65536; i++ {
			f.widths.put(first+i, ws.Index(i).Float64())
		}
		if mw := v.Key("FontDescriptor").Key("MissingWidth"); mw.Kind() == lpdf.Integer || mw.Kind() == lpdf.Real {
			f.dw = mw.Float64()
		}
		if f.toUni == nil {
			lf := lpdf.Font{V: v}
			f.simple = lf.Encoder()
			f.uniNames = uniDifferences(enc.Key("Differences"))
		}
	}
	return f
}

// code is one character code of a shown string.
type code struct {
	raw  string
	code int
}

// split cuts a shown string into character codes.
func (f *font) split(s string, out []code) []code {
	out = out[:0]
	for i := 0; i < len(s); {
		n := 1
		switch {
		case f.gbk:
			if s[i] >= 0x81 && i+1 < len(s) {
				n = 2
			}
		case f.twoByte:
			if f.toUni != nil && !f.ucs2 {
				n = f.toUni.codeLen(s[i:])
			} else {
				n = 2
			}
		}
		if i+n > len(s) {
			n = len(s) - i
		}
		c := 0
		for _, b := range []byte(s[i : i+n]) {
			c = c<<8 | int(b)
		}
		out = append(out, code{s[i : i+n], c})
		i += n
	}
	return out
}

// decode returns the text of one code, cached per font.
func (f *font) decode(c code) string {
	if s, ok := f.cache.get(c.code); ok && len(c.raw) <= 2 {
		return s
	}
	s := f.decodeCode(c)
	if len(c.raw) <= 2 {
		f.cache.put(c.code, s)
	}
	return s
}

func (f *font) decodeCode(c code) string {
	if f.toUni != nil {
		if s, ok := f.toUni.lookup(c.raw); ok {
			return s
		}
	}
	switch {
	case f.gbk:
		if len(c.raw) == 1 {
			return c.raw
		}
		out, err := simplifiedchinese.GBK.NewDecoder().String(c.raw)
		if err == nil {
			return out
		}
		return "\ufffd"
	case f.ucs2:
		if len(c.raw) == 2 {
			return string(rune(c.code))
		}
		return "\ufffd"
	case f.twoByte:
		return "\ufffd" // a CID without a ToUnicode map cannot be read
	case f.simple != nil:
		if r, ok := f.uniNames[c.code]; ok {
			return string(r)
		}
		return f.simple.Decode(c.raw)
	}
	return c.raw
}

// width returns the advance of a code in text space units (before size).
func (f *font) width(c code) float64 {
	if w, ok := f.widths.get(c.code); ok {
		return w * f.scale
	}
	return f.dw * f.scale
}

// cmap is a parsed ToUnicode CMap.
type cmap struct {
	spaces []space
	chars  map[string]string
	ranges []bfrange
}

type space struct{ lo, hi string }

type bfrange struct {
	lo, hi string
	dst    string   // starting destination (UTF-16BE), or ""
	arr    []string // destinations per code, for the array form
}

func (m *cmap) codeLen(s string) int {
	for n := 1; n <= 4 && n <= len(s); n++ {
		for _, sp := range m.spaces {
			if len(sp.lo) == n && sp.lo <= s[:n] && s[:n] <= sp.hi {
				return n
			}
		}
	}
	if len(m.spaces) == 0 && len(s) >= 2 {
		return 2
	}
	return 1
}

func (m *cmap) lookup(raw string) (string, bool) {
	if s, ok := m.chars[raw]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool {
		h := m.ranges[i].hi
		if len(h) != len(raw) {
			return len(h) > len(raw)
		}
		return h >= raw
	})
	for ; i < len(m.ranges) && len(m.ranges[i].hi) == len(raw); i++ {
		r := m.ranges[i]
		if raw < r.lo || raw > r.hi {
			continue
		}
		off := toInt(raw) - toInt(r.lo)
		if r.arr != nil {
			if off < len(r.arr) {
				return utf16Decode(r.arr[off]), true
			}
			return "", false
		}
		b := []byte(r.dst)
		if len(b) < 2 {
			return "", false
		}
		// add off to the last UTF-16 unit
		v := toInt(string(b[len(b)-2:])) + off
		b[len(b)-2], b[len(b)-1] = byte(v>>8), byte(v)
		return utf16Decode(string(b)), true
	}
	return "", false
}

func toInt(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		n = n<<8 | int(s[i])
	}
	return n
}

func utf16Decode(s string) string {
	if len(s)%2 == 1 {
		s += "\x00"
	}
	u := make([]uint16, len(s)/2)
	for i := range u {
		u[i] = uint16(s[2*i])<<8 | uint16(s[2*i+1])
	}
	return string(utf16.Decode(u))
}

// readCMap parses a ToUnicode stream; it returns nil when it has no
// mappings.
func readCMap(v lpdf.Value) *cmap {
	rd := v.Reader()
	if rd == nil {
		return nil
	}
	defer rd.Close()
	data, err := io.ReadAll(io.LimitReader(rd, 16<<20))
	if err != nil && len(data) == 0 {
		return nil
	}
	return parseCMap(data)
}

// cmapToken is a token of a CMap: a hex string, an array, or a word.
type cmapToken struct {
	hex  string   // decoded <…> string
	arr  []string // decoded strings of […]
	word string   // operator, number or name
	kind byte     // 'h' hex, 'a' array, 'w' word
}

// parseCMap reads the codespace ranges, bfchar and bfrange sections of a
// CMap; it ignores everything else.
func parseCMap(data []byte) *cmap {
	m := &cmap{chars: map[string]string{}}
	var toks []cmapToken
	i := 0
	readHex := func() string {
		i++ // <
		var b []byte
		var hi int = -1
		for i < len(data) && data[i] != '>' {
			c := data[i]
			i++
			var v int
			switch {
			case c >= '0' && c <= '9':
				v = int(c - '0')
			case c >= 'a' && c <= 'f':
				v = int(c-'a') + 10
			case c >= 'A' && c <= 'F':
				v = int(c-'A') + 10
			default:
				continue
			}
			if hi < 0 {
				hi = v
			} else {
				b = append(b, byte(hi<<4|v))
				hi = -1
			}
		}
		if hi >= 0 {
			b = append(b, byte(hi<<4))
		}
		i++ // >
		return string(b)
	}
	flush := func(op string) {
		switch op {
		case "endcodespacerange":
			for k := 0; k+1 < len(toks); k += 2 {
				lo, hi := toks[k].hex, toks[k+1].hex
				if len(lo) > 0 && len(lo) == len(hi) {
					m.spaces = append(m.spaces, space{lo, hi})
				}
			}
		case "endbfchar":
			for k := 0; k+1 < len(toks); k += 2 {
				m.chars[toks[k].hex] = utf16Decode(toks[k+1].hex)
			}
		case "endbfrange":
			for k := 0; k+2 < len(toks); k += 3 {
				r := bfrange{lo: toks[k].hex, hi: toks[k+1].hex}
				if toks[k+2].kind == 'a' {
					r.arr = toks[k+2].arr
				} else {
					r.dst = toks[k+2].hex
				}
				if len(r.lo) > 0 && len(r.lo) == len(r.hi) && r.lo <= r.hi {
					m.ranges = append(m.ranges, r)
				}
			}
		}
	}
	for i < len(data) {
		c := data[i]
		switch {
		case c == '%':
			for i < len(data) && data[i] != '\n' && data[i] != '\r' {
				i++
			}
		case c == '<' && i+1 < len(data) && data[i+1] == '<':
			i += 2
		case c == '>' && i+1 < len(data) && data[i+1] == '>':
			i += 2
		case c == '<':
			toks = append(toks, cmapToken{hex: readHex(), kind: 'h'})
		case c == '[':
			i++
			var arr []string
			for i < len(data) && data[i] != ']' {
				if data[i] == '<' {
					arr = append(arr, readHex())
				} else {
					i++
				}
			}
			i++
			toks = append(toks, cmapToken{arr: arr, kind: 'a'})
		case c == '(':
			// literal strings do not occur in the sections we read; skip
			depth := 0
			for i < len(data) {
				if data[i] == '\\' {
					i += 2
					continue
				}
				if data[i] == '(' {
					depth++
				} else if data[i] == ')' {
					depth--
					if depth == 0 {
						i++
						break
					}
				}
				i++
			}
		case c <= ' ':
			i++
		default:
			j := i
			for j < len(data) && data[j] > ' ' && !strings.ContainsRune("<>[]()/%", rune(data[j])) {
				j++
			}
			if j == i {
				j++ // a lone '/' or ')'
			}
			w := string(data[i:j])
			i = j
			switch w {
			case "begincodespacerange", "beginbfchar", "beginbfrange", "begincidrange", "begincidchar":
				toks = toks[:0]
			case "endcodespacerange", "endbfchar", "endbfrange":
				flush(w)
				toks = toks[:0]
			}
		}
	}
	sort.Slice(m.ranges, func(i, j int) bool {
		if len(m.ranges[i].hi) != len(m.ranges[j].hi) {
			return len(m.ranges[i].hi) < len(m.ranges[j].hi)
		}
		return m.ranges[i].hi < m.ranges[j].hi
	})
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		return nil
	}
	return m
}

// uniDifferences reads the glyph names of an encoding's Differences array
// that spell their Unicode value (uni4E2D, u1F600), which the library's
// name table does not know.
func uniDifferences(d lpdf.Value) map[int]rune {
	out := map[int]rune{}
	code := 0
	for i := 0; i < d.Len() && i < 4096; i++ {
		x := d.Index(i)
		switch x.Kind() {
		case lpdf.Integer:
			code = int(x.Int64())
		case lpdf.Name:
			name := x.Name()
			var hex string
			switch {
			case strings.HasPrefix(name, "uni") && len(name) == 7:
				hex = name[3:]
			case strings.HasPrefix(name, "u") && (len(name) == 5 || len(name) == 6 || len(name) == 7):
				hex = name[1:]
			}
			if hex != "" {
				if n, err := strconv.ParseUint(hex, 16, 32); err == nil && n > 0 && n <= 0x10FFFF {
					out[code] = rune(n)
				}
			}
			code++
		}
	}
	return out
}
