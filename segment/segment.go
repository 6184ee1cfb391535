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
	dict, err := dictText(lex)
	if err != nil {
		return nil, err
	}
	s := &Segmenter{}
	s.seg.SkipLog = true
	s.seg.NotLoadHMM = true
	if err := s.load(dict); err != nil {
		return nil, fmt.Errorf("segment: load dictionary: %w", err)
	}
	if err := s.addTitles(lex); err != nil {
		return nil, err
	}
	return s, nil
}

// dictText is the dictionary in gse's text format: the general word list,
// then the domain words at domainFreq.
func dictText(lex *lexicon.Lexicon) (string, error) {
	general, err := dictionaries.FS.ReadFile("general_zh.txt")
	if err != nil {
		return "", fmt.Errorf("segment: read general_zh.txt: %w", err)
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
	return b.String(), nil
}

// addTitles gives the titles titleFreq. Titles bound names: they must win
// over words that straddle a name and a title (李明教授 is 李|明|教授, not
// 李|明教|授); the general list has them at their everyday frequency, so
// they are added again.
func (s *Segmenter) addTitles(lex *lexicon.Lexicon) error {
	for _, t := range lex.Titles {
		if utf8.RuneCountInString(t) < 2 {
			continue
		}
		if err := s.seg.ReAddToken(t, titleFreq, "n"); err != nil {
			if err := s.seg.AddToken(t, titleFreq, "n"); err != nil {
				return fmt.Errorf("segment: add title %s: %w", t, err)
			}
		}
	}
	return nil
}

// load adds the entries of a dictionary in gse's text format ("word freq
// pos" a line) as gse's LoadDictStr does, without its CalcToken: that
// splits every word of the dictionary for gse's search mode, which Cut
// does not use (it reads the words' frequencies and their total only), and
// took two thirds of building the segmenter.
func (s *Segmenter) load(dict string) error {
	if s.seg.Dict == nil {
		s.seg.Dict = gse.NewDict()
		s.seg.Init()
	}
	for line := range strings.SplitSeq(dict, "\n") {
		fields := strings.Split(line, s.seg.DictSep+" ")
		text := strings.TrimSpace(fields[0])
		freqText := ""
		if len(fields) > 1 {
			freqText = strings.TrimSpace(fields[1])
		}
		freq := s.seg.Size(len(fields), text, freqText)
		if freq == 0 {
			continue
		}
		pos := ""
		if len(fields) > 2 {
			pos = strings.TrimSpace(strings.Trim(fields[2], "\n"))
		}
		if err := s.seg.AddToken(text, freq, pos); err != nil {
			return err
		}
	}
	return nil
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
