// Package plaintext loads text files: it detects the encoding (UTF-8 with
// or without BOM, UTF-16 with BOM, GB18030/GBK), refuses binary data, and
// splits the text into lines and pages (form feeds) for layout.
package plaintext

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"qcweave/layout"
)

// Errors a text file can be refused with.
var (
	ErrEmpty        = errors.New("empty file")
	ErrBinary       = errors.New("binary data, not text")
	ErrUndecodable  = errors.New("text in an unknown encoding (not UTF-8, UTF-16 or GB18030)")
	errReplacements = errors.New("too many undecodable bytes")
)

// Decode returns the text of b and the name of the encoding it was in.
func Decode(b []byte) (string, string, error) {
	if len(bytes.TrimSpace(b)) == 0 {
		return "", "", ErrEmpty
	}
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = cutRune(b[3:])
		if !utf8.Valid(b) {
			return "", "", ErrUndecodable
		}
		return checkText(string(b), "utf-8")
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.UseBOM).NewDecoder()
		out, err := dec.Bytes(b)
		if err != nil {
			return "", "", fmt.Errorf("decode utf-16: %w", err)
		}
		return checkText(string(out), "utf-16")
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", "", ErrBinary
	}
	if t := cutRune(b); utf8.Valid(t) {
		return checkText(string(t), "utf-8")
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	// a character cut off at the end (the first one to three bytes of a
	// GB18030 sequence, all above 0x80, decoded as U+FFFD) is dropped
	for k := 1; k <= 3 && k < len(b) && b[len(b)-k] >= 0x81 && (err != nil || bytes.HasSuffix(out, []byte(string(utf8.RuneError)))); k++ {
		if o, e := simplifiedchinese.GB18030.NewDecoder().Bytes(b[:len(b)-k]); e == nil && !bytes.HasSuffix(o, []byte(string(utf8.RuneError))) {
			out, err = o, nil
		}
	}
	if err != nil {
		return "", "", ErrUndecodable
	}
	s, enc, err := checkText(string(out), "gb18030")
	if errors.Is(err, errReplacements) || errors.Is(err, ErrBinary) {
		return "", "", ErrUndecodable
	}
	return s, enc, err
}

// cutRune drops a character cut off at the end of b (the first one to
// three bytes of a UTF-8 sequence, as an interrupted download or a copy
// cut at a byte count leaves them); it returns b unchanged otherwise.
func cutRune(b []byte) []byte {
	for i := len(b) - 1; i >= 0 && i >= len(b)-3; i-- {
		if utf8.RuneStart(b[i]) {
			if b[i] >= 0xC0 && !utf8.FullRune(b[i:]) {
				return b[:i]
			}
			break
		}
	}
	return b
}

// checkText refuses text that is mostly control characters or replacement
// characters: binary data that happened to decode.
func checkText(s, enc string) (string, string, error) {
	var total, bad, repl int
	for _, r := range s {
		total++
		switch {
		case r == utf8.RuneError:
			repl++
		case r == '\n' || r == '\r' || r == '\t' || r == '\f':
		case unicode.IsControl(r):
			bad++
		case r >= 0xE000 && r <= 0xF8FF: // private use: GBK decoding of garbage
			bad++
		}
	}
	if total == 0 {
		return "", "", ErrEmpty
	}
	if repl*100 > total {
		return "", "", errReplacements
	}
	if bad*20 > total {
		return "", "", ErrBinary
	}
	if strings.TrimSpace(s) == "" {
		return "", "", ErrEmpty
	}
	return s, enc, nil
}

// Lines splits decoded text into layout lines: \r\n and \r end lines, a
// form feed starts a new page. Offsets are rune offsets into text.
func Lines(text string) []layout.Line {
	var out []layout.Line
	page := 1
	offset := 0
	start := 0
	var cur strings.Builder
	flush := func() {
		out = append(out, layout.Line{Text: cur.String(), Page: page, Offset: start})
		cur.Reset()
	}
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		switch r {
		case '\r':
			flush()
			if i+1 < len(runes) && runes[i+1] == '\n' {
				i++
				offset++
			}
			start = offset + 1
		case '\n':
			flush()
			start = offset + 1
		case '\f':
			flush()
			page++
			start = offset + 1
		default:
			cur.WriteRune(r)
		}
		offset++
	}
	if cur.Len() > 0 {
		flush()
	}
	if page == 1 {
		for i := range out {
			out[i].Page = 0 // a file without form feeds has no pages
		}
	}
	return out
}
