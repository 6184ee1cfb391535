package pdfload

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// parseNumber gives strconv's value for every number a content stream
// writes, and 0 for a malformed one.
func TestParseNumber(t *testing.T) {
	cases := []string{
		"0", "-0", "+1", "12", "-12", ".5", "-.5", "5.", "0.05", "000.0100",
		"595.2756", "-841.8898", "1.000000000000001", "123456789012345678",
		"0.1234567890123456789", "1e5", "1-2", "-", ".", "1.2.3", "+", "--1",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		// numbers as PDF writers print them: up to 6 decimals, any size
		cases = append(cases, strconv.FormatFloat((rng.Float64()-0.5)*math.Pow(10, float64(rng.IntN(8))), 'f', rng.IntN(7), 64))
	}
	for _, c := range cases {
		want, _ := strconv.ParseFloat(c, 64)
		if got := parseNumber([]byte(c)); got != want && !(got == 0 && want == 0) {
			t.Errorf("parseNumber(%q) = %v, want %v", c, got, want)
		}
	}
}

// Arrays are reused between operators: each operator still sees its own.
func TestLexContentArrays(t *testing.T) {
	var got []string
	lexContent([]byte(`[(a) -120 (b)] TJ [(c) [(d) 5]] TJ /F1 12 Tf [1 2] 0 d (x\)y) Tj <4142> Tj`), func(op string, args []operand) {
		var parts []string
		var show func(o operand) string
		show = func(o operand) string {
			switch o.kind {
			case 'n':
				return strconv.FormatFloat(o.num, 'g', -1, 64)
			case 's':
				return "(" + o.str + ")"
			case '/':
				return "/" + o.str
			case '[':
				var in []string
				for _, x := range o.arr {
					in = append(in, show(x))
				}
				return "[" + strings.Join(in, " ") + "]"
			}
			return "?"
		}
		for _, a := range args {
			parts = append(parts, show(a))
		}
		got = append(got, fmt.Sprintf("%s %s", strings.Join(parts, " "), op))
	})
	want := []string{"[(a) -120 (b)] TJ", "[(c) [(d) 5]] TJ", "/F1 12 Tf", "[1 2] 0 d", "(x)y) Tj", "(AB) Tj"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("operators:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A code's value is found wherever it is kept — one or two bytes in the
// slice, others in the map — and a code given no value has none, even
// beside codes that have one.
func TestCodeMap(t *testing.T) {
	var m codeMap[string]
	for _, c := range []int{0, 300, 65535, 65536, 1 << 20, -1} {
		m.put(c, strconv.Itoa(c))
	}
	m.put(7, "")
	for _, c := range []int{0, 300, 65535, 65536, 1 << 20, -1, 7} {
		want := strconv.Itoa(c)
		if c == 7 {
			want = ""
		}
		if v, ok := m.get(c); !ok || v != want {
			t.Errorf("get(%d) = %q, %v", c, v, ok)
		}
	}
	for _, c := range []int{1, 299, 301, 65534, 70000} {
		if v, ok := m.get(c); ok {
			t.Errorf("get(%d) = %q, present", c, v)
		}
	}
}
