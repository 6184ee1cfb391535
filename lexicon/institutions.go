package lexicon

import (
	"fmt"
	"io/fs"
	"strings"
)

// Institution is a host institution (hospital, center) with its place.
type Institution struct {
	Name       string
	RegionCode string
}

// Institutions resolves institution names and aliases.
type Institutions struct {
	byName map[string]Institution
}

func loadInstitutions(fsys fs.FS) (*Institutions, error) {
	in := &Institutions{byName: map[string]Institution{}}
	err := eachRow(fsys, "institution_aliases.tsv", "\t", func(f []string) error {
		if len(f) < 1 || f[0] == "" {
			return fmt.Errorf("want a canonical name")
		}
		inst := Institution{Name: f[0]}
		if len(f) > 2 {
			inst.RegionCode = f[2]
		}
		in.byName[inst.Name] = inst
		if len(f) > 1 && f[1] != "" {
			for _, a := range strings.Split(f[1], "|") {
				in.byName[a] = inst
			}
		}
		return nil
	})
	return in, err
}

// Resolve returns the canonical institution for a written name.
func (in *Institutions) Resolve(name string) (Institution, bool) {
	inst, ok := in.byName[name]
	return inst, ok
}

// AddAlias makes name resolve to the canonical institution target; an
// unknown target becomes a new canonical institution.
func (in *Institutions) AddAlias(name, target string) {
	inst, ok := in.byName[target]
	if !ok {
		inst = Institution{Name: target}
		in.byName[target] = inst
	}
	in.byName[name] = inst
}

// Names returns every canonical name and alias.
func (in *Institutions) Names() []string {
	out := make([]string, 0, len(in.byName))
	for n := range in.byName {
		out = append(out, n)
	}
	return out
}
