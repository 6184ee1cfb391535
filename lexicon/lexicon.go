// Package lexicon parses the embedded dictionaries into lookup tables:
// regions by name and code, specialties and institutions by alias, person
// surnames and titles, and activity kinds. A Lexicon is read-only once
// built and safe for concurrent use; user entries are added before use
// with AddUser.
package lexicon

import (
	"bufio"
	"fmt"
	"io/fs"
	"strings"

	"qcweave/dictionaries"
)

// Lexicon is the set of dictionaries an extraction resolves names against.
type Lexicon struct {
	Regions      *Regions
	Specialties  *Specialties
	Institutions *Institutions
	// Surnames holds the family names of surnames.txt.
	Surnames map[string]bool
	// Titles holds the titles written beside names, longest first.
	Titles   []string
	titleSet map[string]bool
	// Kinds lists the activity kinds in file order.
	Kinds []Kind
	// ProvinceAbbr maps a one-character abbreviation (豫) to a province code.
	ProvinceAbbr map[string]string
}

// Kind is an activity kind and the words that signal it.
type Kind struct {
	Name    string
	Signals []string
}

// Load parses the embedded dictionaries.
func Load() (*Lexicon, error) {
	return LoadFS(dictionaries.FS)
}

// LoadFS parses dictionaries from fsys (files by their base names).
func LoadFS(fsys fs.FS) (*Lexicon, error) {
	l := &Lexicon{Surnames: map[string]bool{}, ProvinceAbbr: map[string]string{}}
	var err error
	if l.Regions, err = loadRegions(fsys); err != nil {
		return nil, err
	}
	if l.Specialties, err = loadSpecialties(fsys); err != nil {
		return nil, err
	}
	if l.Institutions, err = loadInstitutions(fsys); err != nil {
		return nil, err
	}
	err = eachRow(fsys, "surnames.txt", " ", func(f []string) error {
		for _, s := range f {
			if s != "" {
				l.Surnames[s] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(fsys, "titles.txt", " ", func(f []string) error {
		for _, s := range f {
			if s != "" {
				l.Titles = append(l.Titles, s)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sortLongestFirst(l.Titles)
	l.titleSet = map[string]bool{}
	for _, t := range l.Titles {
		l.titleSet[t] = true
	}
	err = eachRow(fsys, "activity_kinds.tsv", "\t", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want kind and signals, got %q", f)
		}
		l.Kinds = append(l.Kinds, Kind{Name: f[0], Signals: strings.Split(f[1], "|")})
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow(fsys, "province_abbreviations.tsv", "\t", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want abbr and code, got %q", f)
		}
		l.ProvinceAbbr[f[0]] = f[1]
		return nil
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// eachRow calls fn with the fields of every non-comment, non-blank line of
// the named file.
func eachRow(fsys fs.FS, name, sep string, fn func([]string) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon: open %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		var fields []string
		if sep == " " {
			fields = strings.Fields(t)
		} else {
			fields = strings.Split(t, sep)
		}
		if err := fn(fields); err != nil {
			return fmt.Errorf("lexicon: %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon: read %s: %w", name, err)
	}
	return nil
}

func sortLongestFirst(s []string) {
	// insertion sort keeps file order among equal lengths
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && len([]rune(s[j])) > len([]rune(s[j-1])); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// Level names used in records.
const (
	National   = "国家级"
	Provincial = "省级"
	Municipal  = "市级"
	County     = "县级"
)

// TitleSet returns the titles as a set (read-only).
func (l *Lexicon) TitleSet() map[string]bool { return l.titleSet }
