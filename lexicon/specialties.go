package lexicon

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

// Specialty is a canonical quality-control specialty.
type Specialty struct {
	ID   string // stable identifier, e.g. nephrology
	Name string // canonical Chinese name, e.g. 肾病
}

// Specialties resolves specialty names and their aliases.
type Specialties struct {
	byID   map[string]Specialty
	byName map[string]Specialty
	order  []string
}

func loadSpecialties(fsys fs.FS) (*Specialties, error) {
	s := &Specialties{byID: map[string]Specialty{}, byName: map[string]Specialty{}}
	err := eachRow(fsys, "specialties.tsv", "\t", func(f []string) error {
		if len(f) < 2 {
			return fmt.Errorf("want id, name and aliases")
		}
		sp := Specialty{ID: f[0], Name: f[1]}
		if _, dup := s.byID[sp.ID]; dup {
			return fmt.Errorf("duplicate id %s", sp.ID)
		}
		s.byID[sp.ID] = sp
		s.order = append(s.order, sp.ID)
		s.add(sp.Name, sp)
		if len(f) > 2 && f[2] != "" {
			for _, a := range strings.Split(f[2], "|") {
				s.add(a, sp)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Specialties) add(name string, sp Specialty) {
	k := SpecialtyKey(name)
	if k == "" {
		return
	}
	if _, taken := s.byName[k]; !taken {
		s.byName[k] = sp
	}
}

// AddAlias makes name resolve to the specialty with the given canonical
// name or id.
func (s *Specialties) AddAlias(name, target string) error {
	sp, ok := s.byID[target]
	if !ok {
		sp, ok = s.byName[SpecialtyKey(target)]
	}
	if !ok {
		return fmt.Errorf("lexicon: unknown specialty %s", target)
	}
	s.byName[SpecialtyKey(name)] = sp
	return nil
}

// ByID returns the specialty with the given id.
func (s *Specialties) ByID(id string) (Specialty, bool) {
	sp, ok := s.byID[id]
	return sp, ok
}

// Names returns every name the table resolves — canonical names and
// aliases, in their lookup form (SpecialtyKey) — sorted.
func (s *Specialties) Names() []string {
	out := make([]string, 0, len(s.byName))
	for n := range s.byName {
		out = append(out, n)
	}
	slices.Sort(out)
	return out
}

// All returns the specialties in dictionary order.
func (s *Specialties) All() []Specialty {
	out := make([]Specialty, len(s.order))
	for i, id := range s.order {
		out[i] = s.byID[id]
	}
	return out
}

// specialtyTails are dropped from a written specialty before lookup, one at a
// time, as long as something is left (烧伤科 → 烧伤, 口腔种植技术 → 口腔种植).
var specialtyTails = []string{"专业", "医疗", "诊疗", "质控", "质量", "技术", "评价", "学科", "科"}

// SpecialtyKey folds a written specialty to its lookup form: no spaces,
// full-width brackets, ASCII upper case.
func SpecialtyKey(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case r == ' ' || r == '\t' || r == '\u3000':
			continue
		case r == '(':
			r = '（'
		case r == ')':
			r = '）'
		case r >= 'a' && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Resolve finds the canonical specialty of a written name, trying the name
// as written, then without bracketed text and common tails.
func (s *Specialties) Resolve(name string) (Specialty, bool) {
	k := SpecialtyKey(name)
	for k != "" {
		if sp, ok := s.byName[k]; ok {
			return sp, true
		}
		if i := strings.Index(k, "（"); i > 0 {
			if sp, ok := s.byName[k[:i]]; ok {
				return sp, true
			}
		}
		trimmed := false
		for _, t := range specialtyTails {
			if strings.HasSuffix(k, t) && len([]rune(k)) > len([]rune(t))+1 {
				k = strings.TrimSuffix(k, t)
				trimmed = true
				break
			}
		}
		if !trimmed {
			break
		}
	}
	return Specialty{}, false
}
