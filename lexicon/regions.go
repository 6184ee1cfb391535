package lexicon

import (
	"fmt"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// Region is one GB/T 2260 division.
type Region struct {
	Code   string // six digits, e.g. 410900
	Name   string // full name, e.g. 濮阳市
	Kind   string // province, prefecture, county, or direct (county-level, administered by the province)
	Parent string // code of the parent division, "" for a province
	Short  string // name without suffix (濮阳), "" when none
}

// ProvinceCode returns the code of the province the region belongs to.
func (r Region) ProvinceCode() string {
	if len(r.Code) != 6 {
		return ""
	}
	return r.Code[:2] + "0000"
}

// Level returns the quality-control level of a center named after the
// region: 省级 for a province, 市级 for a prefecture or a province-administered
// city, 县级 for a county.
func (r Region) Level() string {
	switch r.Kind {
	case "province":
		return Provincial
	case "prefecture", "direct":
		return Municipal
	default:
		return County
	}
}

// Regions looks regions up by full name, short name, alias and code.
type Regions struct {
	byCode map[string]Region
	byName map[string][]Region
	maxLen int
	// lens has, for each rune a name starts with, bit n set when a name of
	// n runes starts with it (bit 63 for 63 runes or more)
	lens map[rune]uint64
}

func loadRegions(fsys fs.FS) (*Regions, error) {
	rs := &Regions{byCode: map[string]Region{}, byName: map[string][]Region{}, lens: map[rune]uint64{}}
	err := eachRow(fsys, "regions.tsv", "\t", func(f []string) error {
		if len(f) < 5 {
			return fmt.Errorf("want 5 fields, got %d", len(f))
		}
		r := Region{Code: f[0], Name: f[1], Kind: f[2], Parent: f[3], Short: f[4]}
		rs.byCode[r.Code] = r
		rs.add(r.Name, r)
		if r.Short != "" {
			rs.add(r.Short, r)
			if r.Kind == "prefecture" && strings.HasSuffix(r.Name, "自治州") {
				rs.add(r.Short+"州", r) // 恩施州
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(fsys, "region_aliases.tsv", "\t", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want alias and code")
		}
		r, ok := rs.byCode[f[1]]
		if !ok {
			return fmt.Errorf("alias %s: unknown code %s", f[0], f[1])
		}
		rs.add(f[0], r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return rs, nil
}

// AddAlias makes name resolve to the region with code.
func (rs *Regions) AddAlias(name, code string) error {
	r, ok := rs.byCode[code]
	if !ok {
		return fmt.Errorf("lexicon: unknown region code %s", code)
	}
	rs.add(name, r)
	return nil
}

func (rs *Regions) add(name string, r Region) {
	for _, x := range rs.byName[name] {
		if x.Code == r.Code {
			return
		}
	}
	rs.byName[name] = append(rs.byName[name], r)
	n := len([]rune(name))
	if n > rs.maxLen {
		rs.maxLen = n
	}
	rs.lens[[]rune(name)[0]] |= 1 << min(n, 63)
}

// ByCode returns the region with the given code.
func (rs *Regions) ByCode(code string) (Region, bool) {
	r, ok := rs.byCode[code]
	return r, ok
}

var kindRank = map[string]int{"province": 0, "prefecture": 1, "direct": 2, "county": 3}

// Lookup resolves a written name. With province set (a province code),
// regions in that province win over namesakes elsewhere; then the higher
// level wins (濮阳 is 濮阳市, not 濮阳县).
func (rs *Regions) Lookup(name, province string) (Region, bool) {
	cands := rs.byName[name]
	if len(cands) == 0 {
		return Region{}, false
	}
	best := cands[0]
	score := func(r Region) int {
		s := kindRank[r.Kind]
		if province != "" && r.ProvinceCode() != province {
			s += 10
		}
		if r.Name == name {
			s -= 5 // a full name is exact
		}
		return s
	}
	for _, c := range cands[1:] {
		if score(c) < score(best) {
			best = c
		}
	}
	return best, true
}

// MatchAt returns the longest region name that starts at runes[i], and its
// length in runes. Single-character names never match.
func (rs *Regions) MatchAt(runes []rune, i int, province string) (Region, int, bool) {
	if i >= len(runes) {
		return Region{}, 0, false
	}
	lens := rs.lens[runes[i]]
	if lens == 0 {
		return Region{}, 0, false
	}
	longest := min(rs.maxLen, len(runes)-i)
	// the candidate names as UTF-8, end[n] the end of the first n runes:
	// looked up without a string made for each length
	var bufArr [64 * utf8.UTFMax]byte
	var endArr [65]int
	buf, end := bufArr[:0], endArr[:0]
	end = append(end, 0)
	for k := 0; k < longest; k++ {
		buf = utf8.AppendRune(buf, runes[i+k])
		end = append(end, len(buf))
	}
	for n := longest; n >= 2; n-- {
		if lens&(1<<min(n, 63)) == 0 {
			continue
		}
		if _, ok := rs.byName[string(buf[:end[n]])]; !ok {
			continue
		}
		if r, ok := rs.Lookup(string(buf[:end[n]]), province); ok {
			return r, n, true
		}
	}
	return Region{}, 0, false
}

// Names returns every name and short name the table knows.
func (rs *Regions) Names() []string {
	out := make([]string, 0, len(rs.byName))
	for n := range rs.byName {
		out = append(out, n)
	}
	return out
}

// CityCount returns how many city-level divisions (prefectures and
// province-administered cities) the province with the given code has.
func (rs *Regions) CityCount(province string) int {
	n := 0
	for _, r := range rs.byCode {
		if (r.Kind == "prefecture" || r.Kind == "direct") && r.ProvinceCode() == province && r.Code != province {
			n++
		}
	}
	return n
}
