package record

import (
	"fmt"
	"math"
	"strings"
)

// References are the reference rows an extraction's resolved names point
// to — regions with their parents, specialties, institutions with their
// canonical names — so that a store can keep its reference tables without
// knowing the dictionaries. The resolve package fills them in.
type References struct {
	Regions      []RegionRef      `json:"-"`
	Specialties  []SpecialtyRef   `json:"-"`
	Institutions []InstitutionRef `json:"-"`
}

// RegionRef is a region of GB/T 2260.
type RegionRef struct {
	Code, Name, Kind, Parent string
}

// SpecialtyRef is a specialty of the dictionary.
type SpecialtyRef struct {
	ID, Name string
}

// InstitutionRef is an institution as written, its canonical name and the
// code of its region ("" when unknown).
type InstitutionRef struct {
	Name, Canonical, RegionCode string
}

// Kinds of named things a document can name that the dictionaries may lack.
const (
	NameSpecialty   = "specialty"
	NameRegion      = "region"
	NameInstitution = "institution"
)

// StoredNames are the names a store holds that a change of the dictionaries
// may resolve anew: what is not yet resolved, every institution, and every
// mention of a specialty, region or institution with its evidence (for the
// unknown_entity findings).
type StoredNames struct {
	// MissingSpecialties are coverage rows' missing specialties without an id.
	MissingSpecialties []StoredMissing
	// Regions are region names of counts and coverage rows without a code.
	Regions []StoredRegion
	// Centers are centers whose specialty has no id.
	Centers []StoredCenter
	// Institutions are all institutions with their canonical names.
	Institutions []StoredInstitution
	// Mentions are the named things of every document, for unknown_entity.
	Mentions []StoredMention
}

// StoredMissing is one missing specialty of a coverage row.
type StoredMissing struct {
	CoverageID int64
	Position   int
	Text       string
}

// StoredRegion is a region written in a row of Table (counts or coverage).
type StoredRegion struct {
	Table    string
	ID       int64
	Text     string
	Province string // the document's province code
}

// StoredCenter is a center entity whose specialty is not resolved.
type StoredCenter struct {
	ID                                       int64
	Level, RegionCode, RegionText, Specialty string
}

// StoredInstitution is an institution row.
type StoredInstitution struct {
	ID              int64
	Name, Canonical string
}

// StoredMention is a name a document uses, where it uses it.
type StoredMention struct {
	DocID    int64
	Doc      string // the document's sha256
	Kind     string // NameSpecialty, NameRegion or NameInstitution
	Name     string
	Province string
	// Place is where the center an institution hosts is, as written
	// (永州市), for an institution's name that leaves out its place
	Place string
	Evidence
}

// NameUpdates say what a store should change after the dictionaries
// changed: each is the resolution of a StoredNames entry, and Unknown
// replaces every unknown_entity finding.
type NameUpdates struct {
	MissingSpecialties []MissingUpdate
	Regions            []RegionUpdate
	Centers            []CenterUpdate
	Institutions       []InstitutionUpdate
	Refs               References
	// Unknown are the unknown_entity findings by document id.
	Unknown map[int64][]Finding
}

// MissingUpdate gives a coverage row's missing specialty its id.
type MissingUpdate struct {
	CoverageID  int64
	Position    int
	SpecialtyID string
}

// RegionUpdate gives a row's region its code.
type RegionUpdate struct {
	Table string
	ID    int64
	Code  string
	// Shift is the log-odds the row gains now that its region is known
	Shift float64
}

// ShiftConfidence moves a confidence p in (0, 1) by d in log-odds (the
// weight of a piece of evidence learned after the record was stored),
// rounded to three decimals as the records' confidences are. p outside
// (0, 1) is returned as is.
func ShiftConfidence(p, d float64) float64 {
	if p <= 0 || p >= 1 || d == 0 {
		return p
	}
	l := math.Log(p/(1-p)) + d
	return math.Round(1/(1+math.Exp(-l))*1000) / 1000
}

// CenterUpdate gives a center entity its specialty id.
type CenterUpdate struct {
	ID          int64
	SpecialtyID string
	// Shift is the log-odds the center's mentions gain now that their
	// specialty is known (see ShiftConfidence)
	Shift float64
}

// InstitutionUpdate gives an institution its canonical name.
type InstitutionUpdate struct {
	ID        int64
	Canonical string
	// Shift is the log-odds the hosts naming the institution gain when
	// it became known (0 when it was known before)
	Shift float64
}

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
