// Package resolve ties the names an extraction found to the reference
// data of the dictionaries: it gives a store the rows of the regions,
// specialties and institutions a document names (so the store saves what
// it is given and never reads a dictionary), says which names the
// dictionaries lack (the unknown_entity findings, one rule for fresh
// extractions and for stores resolved again), and resolves a store's
// names anew after the user dictionary changed.
//
// It sits between the extractors and the store: it may use the lexicon and
// the record types, never a store or the pipeline.
package resolve

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"qcweave/confidence"
	"qcweave/lexicon"
	"qcweave/record"
)

// Resolver resolves names against one lexicon (with the user's entries
// applied). It is read-only and safe for concurrent use.
type Resolver struct {
	lex *lexicon.Lexicon
	// names are the region names, loaded once for OCR corrections
	namesOnce sync.Once
	names     []string
}

// New returns a resolver over lex.
func New(lex *lexicon.Lexicon) *Resolver { return &Resolver{lex: lex} }

// Resolve completes an extraction: region names misread by OCR corrected
// (see correctOCR), its References, its unknown_entity
// and doubtful_date findings appended after the extractors' findings, and
// the confidence of every record from all its evidence (see the
// confidence package).
func (r *Resolver) Resolve(ex *record.Extraction) {
	r.correctOCR(ex)
	refs := newRefs(r.lex)
	for _, c := range ex.Counts {
		refs.region(c.RegionCode)
	}
	var names []named
	for _, c := range ex.Centers {
		refs.region(c.RegionCode)
		refs.specialty(c.SpecialtyID)
		if c.Specialty != nil && c.SpecialtyID == nil {
			names = append(names, named{kind: record.NameSpecialty, name: *c.Specialty, ev: c.Evidence})
		}
		for _, in := range c.Institutions {
			refs.institution(in)
			_, known := r.lex.Institutions.Resolve(in)
			names = append(names, named{kind: record.NameInstitution, name: in, ev: c.Evidence, known: known, place: deref(c.Region)})
		}
	}
	for _, cov := range ex.Coverage {
		refs.region(cov.RegionCode)
		if cov.RegionCode == nil {
			names = append(names, named{kind: record.NameRegion, name: cov.Region, ev: cov.Evidence})
		}
		for i, m := range cov.Missing {
			if i < len(cov.MissingIDs) && cov.MissingIDs[i] != "" {
				id := cov.MissingIDs[i]
				refs.specialty(&id)
			} else {
				names = append(names, named{kind: record.NameSpecialty, name: m, ev: cov.Evidence})
			}
		}
	}
	ex.References = refs.out
	ex.Findings = append(ex.Findings, unknownFindings(ex.Source.SHA256, names)...)
	ex.Findings = append(ex.Findings, confidence.DoubtfulDates(ex)...)
	confidence.Calibrate(ex, r)
}

// Known reports whether the dictionaries know a name of a kind
// (record.NameSpecialty, record.NameRegion, record.NameInstitution).
func (r *Resolver) Known(kind, name string) bool {
	return r.known(record.StoredMention{Kind: kind, Name: name})
}

// named is a name a document uses, and whether the dictionaries know it;
// for an institution, place is where the center it hosts is (as written).
type named struct {
	kind, name string
	ev         record.Evidence
	known      bool
	place      string
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// what the findings call each kind of name
var kindWords = map[string]string{record.NameSpecialty: "专业", record.NameRegion: "地区", record.NameInstitution: "机构"}

// reGenericInstitution matches what is no institution's name but a word
// for one (医院, 该院, 市中心医院 is a name; 4家医院 is not).
var reGenericInstitution = regexp.MustCompile(`^(?:[本该我此各其]|\d+家|[一二三四五六七八九十]+家)?(?:医院|卫生院|医疗机构|单位|保健院|中心)$`)

// reUnplaced matches an institution's name that leaves out whose it is:
// it opens with the level of a place (市中心医院, 县人民医院, 区中医院,
// 省肿瘤医院), or it is an ordinal hospital or an affiliated one without
// its city or school (第一人民医院, 第三附属医院, 附属第二医院).
var reUnplaced = regexp.MustCompile(`^(?:([省市县区])\p{Han}*(?:医院|卫生院|保健院|中心|研究所)|(?:第[一二三四五六七八九十\d]+(?:人民|附属|临床)?|附属第?[一二三四五六七八九十\d]*)医院)$`)

// unplaced says what an institution's name lacks to be resolved (empty
// when nothing), and the name it likely stands for: when it lacks only
// the level of place that the place of the center it hosts is (市 for
// 永州市), that place's name joined to it (永州市中心医院).
func unplaced(name, place string) (lack, guess string) {
	m := reUnplaced.FindStringSubmatch(name)
	if m == nil {
		return "", ""
	}
	if m[1] == "" {
		return "所属的院校或地方", ""
	}
	lack = "所在的" + m[1]
	if strings.HasSuffix(place, m[1]) && len([]rune(place)) > 1 {
		guess = place + strings.TrimPrefix(name, m[1])
	}
	return lack, guess
}

// unknownFindings is the one rule for unknown_entity: every specialty and
// region the dictionaries lack gets a finding of its own (the user should
// map it); institutions are an open class, so those the dictionaries lack
// are listed in one finding per document, a word for an institution
// (医院, 该院) is never reported, and a name that leaves out whose it is
// (市中心医院) gets a finding of its own saying so (see unplaced).
func unknownFindings(doc string, names []named) []record.Finding {
	seen := map[string]bool{}
	var single []named
	var insts []string
	var instEv record.Evidence
	var out []record.Finding
	for _, n := range names {
		if n.known || n.name == "" || seen[n.kind+"|"+n.name] {
			continue
		}
		seen[n.kind+"|"+n.name] = true
		if n.kind == record.NameInstitution {
			if reGenericInstitution.MatchString(n.name) || len([]rune(n.name)) < 4 {
				continue
			}
			if lack, guess := unplaced(n.name, n.place); lack != "" {
				out = append(out, record.Unplaced(n.name, lack, n.place, guess, doc, n.ev))
				continue
			}
			if len(insts) == 0 {
				instEv = n.ev
			}
			insts = append(insts, n.name)
			continue
		}
		single = append(single, n)
	}
	sort.Slice(single, func(i, j int) bool { return single[i].name < single[j].name })
	for _, n := range single {
		out = append(out, record.Unknown(kindWords[n.kind], n.name, doc, n.ev))
	}
	if len(insts) > 0 {
		sort.Strings(insts)
		out = append(out, record.UnknownList(kindWords[record.NameInstitution], insts, doc, instEv))
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Subject < out[j].Subject })
	return out
}

// refs collects reference rows without duplicates.
type refs struct {
	lex  *lexicon.Lexicon
	seen map[string]bool
	out  record.References
}

func newRefs(lex *lexicon.Lexicon) *refs { return &refs{lex: lex, seen: map[string]bool{}} }

// region adds the region of code and its parents.
func (r *refs) region(code *string) {
	for code != nil && *code != "" && !r.seen["r|"+*code] {
		reg, ok := r.lex.Regions.ByCode(*code)
		if !ok {
			return
		}
		r.seen["r|"+*code] = true
		r.out.Regions = append(r.out.Regions, record.RegionRef{Code: reg.Code, Name: reg.Name, Kind: reg.Kind, Parent: reg.Parent})
		if reg.Parent == "" {
			return
		}
		p := reg.Parent
		code = &p
	}
}

// specialty adds the specialty of id.
func (r *refs) specialty(id *string) {
	if id == nil || r.seen["s|"+*id] {
		return
	}
	if sp, ok := r.lex.Specialties.ByID(*id); ok {
		r.seen["s|"+*id] = true
		r.out.Specialties = append(r.out.Specialties, record.SpecialtyRef{ID: sp.ID, Name: sp.Name})
	}
}

// institution adds an institution as written, with its canonical name and
// region when the dictionaries know it.
func (r *refs) institution(name string) {
	if name == "" || r.seen["i|"+name] {
		return
	}
	r.seen["i|"+name] = true
	ref := record.InstitutionRef{Name: name, Canonical: name}
	if in, ok := r.lex.Institutions.Resolve(name); ok {
		ref.Canonical = in.Name
		if in.RegionCode != "" {
			ref.RegionCode = in.RegionCode
			c := in.RegionCode
			r.region(&c)
		}
	}
	r.out.Institutions = append(r.out.Institutions, ref)
}

// Reresolve resolves a store's names again (after the user dictionary
// changed) and says what the store should update: specialties and regions
// that now resolve, canonical institutions, and every document's
// unknown_entity findings anew; each update carries what the confidence
// of the records it touches gains by the name becoming known.
func (r *Resolver) Reresolve(names record.StoredNames) record.NameUpdates {
	refs := newRefs(r.lex)
	var up record.NameUpdates
	for _, m := range names.MissingSpecialties {
		if sp, ok := r.lex.Specialties.Resolve(m.Text); ok {
			id := sp.ID
			refs.specialty(&id)
			up.MissingSpecialties = append(up.MissingSpecialties, record.MissingUpdate{CoverageID: m.CoverageID, Position: m.Position, SpecialtyID: sp.ID})
		}
	}
	for _, g := range names.Regions {
		if reg, ok := r.lex.Regions.Lookup(g.Text, g.Province); ok {
			code := reg.Code
			refs.region(&code)
			up.Regions = append(up.Regions, record.RegionUpdate{Table: g.Table, ID: g.ID, Code: reg.Code,
				Shift: confidence.Learned(record.NameRegion, g.Text)})
		}
	}
	for _, c := range names.Centers {
		if sp, ok := r.lex.Specialties.Resolve(c.Specialty); ok {
			id := sp.ID
			refs.specialty(&id)
			up.Centers = append(up.Centers, record.CenterUpdate{ID: c.ID, SpecialtyID: sp.ID,
				Shift: confidence.Learned(record.NameSpecialty, c.Specialty)})
		}
	}
	for _, in := range names.Institutions {
		if canon, ok := r.lex.Institutions.Resolve(in.Name); ok && canon.Name != in.Canonical {
			u := record.InstitutionUpdate{ID: in.ID, Canonical: canon.Name}
			if in.Canonical == in.Name {
				u.Shift = confidence.Learned(record.NameInstitution, in.Name) // it resolved to nothing before
			}
			up.Institutions = append(up.Institutions, u)
		}
	}
	byDoc := map[int64][]named{}
	docs := map[int64]string{}
	var order []int64
	for _, m := range names.Mentions {
		if _, ok := docs[m.DocID]; !ok {
			order = append(order, m.DocID)
		}
		docs[m.DocID] = m.Doc
		byDoc[m.DocID] = append(byDoc[m.DocID], named{kind: m.Kind, name: m.Name, ev: m.Evidence, known: r.known(m), place: m.Place})
	}
	up.Unknown = map[int64][]record.Finding{}
	for _, id := range order {
		if fs := unknownFindings(docs[id], byDoc[id]); len(fs) > 0 {
			up.Unknown[id] = fs
		}
	}
	up.Refs = refs.out
	return up
}

// known reports whether the dictionaries know a stored name.
func (r *Resolver) known(m record.StoredMention) bool {
	switch m.Kind {
	case record.NameSpecialty:
		_, ok := r.lex.Specialties.Resolve(strings.TrimSpace(m.Name))
		return ok
	case record.NameRegion:
		_, ok := r.lex.Regions.Lookup(m.Name, m.Province)
		return ok
	case record.NameInstitution:
		_, ok := r.lex.Institutions.Resolve(m.Name)
		return ok
	}
	return false
}
