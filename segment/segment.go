// Package segment cuts normalized text into words with
// github.com/go-ego/gse, loaded with a compact general word list and the
// domain dictionaries (regions, specialties, institutions, titles, center
// suffixes) so that names stay whole. Tokens carry rune offsets into the
// text they were cut from; their text is taken from that input, so gse's
// lower-casing of Latin letters never reaches a record (ECMO stays ECMO).
package segment

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/go-ego/gse"

	"qcweave/dictionaries"
	"qcweave/lexicon"
)

// Token is one word of a cut, with rune offsets into the cut text.
type Token struct {
	Text       string
	Start, End int
}

// Segmenter cuts text into tokens. It is safe for concurrent use once
// built: gse's dictionary is only read after loading.
type Segmenter struct {
	seg gse.Segmenter
}

// domainFreq is the frequency given to domain words: high enough that the
// segmenter prefers them to general words that overlap them.
const domainFreq = 200000

// titleFreq is the frequency of titles, higher still.
const titleFreq = 20000000

// centerWords are the fixed parts of center names.
var centerWords = []string{"质控中心", "质量控制中心", "医疗质量控制中心", "质控组织", "质控组", "质控评价中心", "质量管理与控制中心", "医疗质量控制和改进中心"}

// New builds a segmenter from the general word list and the lexicon.
func New(lex *lexicon.Lexicon) (*Segmenter, error) {
	s := &Segmenter{}
	s.seg.SkipLog = true
	s.seg.NotLoadHMM = true
	general, err := dictionaries.FS.ReadFile("general_zh.txt")
	if err != nil {
		return nil, fmt.Errorf("segment: read general_zh.txt: %w", err)
	}
	var b strings.Builder
	b.Write(general)
	add := func(w string) {
		if utf8.RuneCountInString(w) >= 2 && !strings.ContainsAny(w, " \t\n") {
			fmt.Fprintf(&b, "\n%s %d n", w, domainFreq)
		}
	}
	for _, n := range lex.Regions.Names() {
		add(n)
	}
	for _, sp := range lex.Specialties.All() {
		add(sp.Name)
	}
	for _, n := range lex.Institutions.Names() {
		add(n)
	}
	for _, t := range lex.Titles {
		add(t)
	}
	for _, w := range centerWords {
		add(w)
	}
	for _, k := range lex.Kinds {
		for _, w := range k.Signals {
			add(w)
		}
	}
	if err := s.seg.LoadDictStr(b.String()); err != nil {
		return nil, fmt.Errorf("segment: load dictionary: %w", err)
	}
	// titles bound names: they must win over words that straddle a name
	// and a title (李明教授 is 李|明|教授, not 李|明教|授); the general list
	// has them at their everyday frequency, so they are added again
	for _, t := range lex.Titles {
		if utf8.RuneCountInString(t) < 2 {
			continue
		}
		if err := s.seg.ReAddToken(t, titleFreq, "n"); err != nil {
			if err := s.seg.AddToken(t, titleFreq, "n"); err != nil {
				return nil, fmt.Errorf("segment: add title %s: %w", t, err)
			}
		}
	}
	s.seg.CalcToken()
	return s, nil
}

// Cut returns the tokens of text in order; their concatenation is text.
func (s *Segmenter) Cut(text string) []Token {
	words := s.seg.Cut(text, false)
	runes := []rune(text)
	out := make([]Token, 0, len(words))
	pos := 0
	for _, w := range words {
		n := utf8.RuneCountInString(w)
		if pos+n > len(runes) {
			break
		}
		out = append(out, Token{Text: string(runes[pos : pos+n]), Start: pos, End: pos + n})
		pos += n
	}
	if pos < len(runes) {
		// gse dropped something: keep the rest as single characters so
		// offsets stay true
		for ; pos < len(runes); pos++ {
			out = append(out, Token{Text: string(runes[pos]), Start: pos, End: pos + 1})
		}
	}
	return out
}

// commonFreq is the frequency from which a general word is no person's
// name (党员, 专家): the general list leaves person names out, so any word
// of it will do.
const commonFreq = 1

// IsCommonWord reports whether w is a frequent word of the general list.
func (s *Segmenter) IsCommonWord(w string) bool {
	freq, _, ok := s.seg.Find(w)
	return ok && freq >= commonFreq && freq < domainFreq && utf8.RuneCountInString(w) >= 2
}
