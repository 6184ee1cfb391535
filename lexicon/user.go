package lexicon

import (
	"fmt"
	"strings"
)

// Kinds of user dictionary entries.
const (
	UserSpecialty   = "specialty"
	UserRegion      = "region"
	UserInstitution = "institution"
)

// UserAlias is an entry of the user dictionary: Alias, as documents write
// it, stands for Target (a specialty's canonical name or id, a region's
// GB/T 2260 code or full name, an institution's canonical name). A
// specialty target the dictionary lacks becomes a new specialty.
type UserAlias struct {
	Kind   string `json:"kind"`
	Alias  string `json:"alias"`
	Target string `json:"target"`
}

// Validate checks an entry before it is stored.
func (a UserAlias) Validate() error {
	switch a.Kind {
	case UserSpecialty, UserRegion, UserInstitution:
	default:
		return fmt.Errorf("unknown dictionary kind %q (want specialty, region or institution)", a.Kind)
	}
	if strings.TrimSpace(a.Alias) == "" || strings.TrimSpace(a.Target) == "" {
		return fmt.Errorf("a %s entry needs an alias and a target", a.Kind)
	}
	return nil
}

// Apply adds a user entry to the lexicon. Call it before the lexicon is
// shared.
func (l *Lexicon) Apply(a UserAlias) error {
	if err := a.Validate(); err != nil {
		return err
	}
	switch a.Kind {
	case UserSpecialty:
		if err := l.Specialties.AddAlias(a.Alias, a.Target); err != nil {
			l.Specialties.addNew(a.Target)
			return l.Specialties.AddAlias(a.Alias, a.Target)
		}
	case UserRegion:
		code := a.Target
		if _, ok := l.Regions.ByCode(code); !ok {
			r, ok := l.Regions.Lookup(a.Target, "")
			if !ok {
				return fmt.Errorf("lexicon: unknown region %s", a.Target)
			}
			code = r.Code
		}
		return l.Regions.AddAlias(a.Alias, code)
	case UserInstitution:
		l.Institutions.AddAlias(a.Alias, a.Target)
	}
	return nil
}

// addNew adds a specialty of the user's under the id user:NAME.
func (s *Specialties) addNew(name string) {
	sp := Specialty{ID: "user:" + name, Name: name}
	if _, ok := s.byID[sp.ID]; ok {
		return
	}
	s.byID[sp.ID] = sp
	s.order = append(s.order, sp.ID)
	s.add(name, sp)
}
