package lexicon

import (
	"fmt"

	"qcweave/record"
)

// Apply adds a user entry to the lexicon. Call it before the lexicon is
// shared.
func (l *Lexicon) Apply(a record.UserAlias) error {
	if err := a.Validate(); err != nil {
		return err
	}
	switch a.Kind {
	case record.UserSpecialty:
		if err := l.Specialties.AddAlias(a.Alias, a.Target); err != nil {
			l.Specialties.addNew(a.Target)
			return l.Specialties.AddAlias(a.Alias, a.Target)
		}
	case record.UserRegion:
		code := a.Target
		if _, ok := l.Regions.ByCode(code); !ok {
			r, ok := l.Regions.Lookup(a.Target, "")
			if !ok {
				return fmt.Errorf("lexicon: unknown region %s", a.Target)
			}
			code = r.Code
		}
		return l.Regions.AddAlias(a.Alias, code)
	case record.UserInstitution:
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
