package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// This file reads the facts that checks across documents and the coverage
// matrix are made of — counts, center hosts, coverage rows — with the
// reviewers' corrections applied. Extraction's rows are never changed:
// corrections live beside them and are applied as the facts are read, so
// that a correction outlives the next ingest and the flow stays one way.

// factCorrections is what the corrections of a store say about the facts:
// the corrections by record, and the names reviewers wrote resolved to
// the store's entities. Everything is looked up before the facts are read
// (the store holds one connection: no query while another is open).
type factCorrections struct {
	set         *CorrectionSet
	regionCodes map[string]string // a region as a reviewer wrote it → its code ("" when unknown or ambiguous)
	hosts       map[string]string // host institutions as written (、-separated) → canonical names, sorted, joined by 、
	specialties map[string]string // a specialty as written → the matrix column it falls in
	docs        map[string]docFacts
	// counts and coverage rows whose region or level a reviewer changed, or
	// that a reviewer added, as they stand now (their place in a scope moved)
	movedCounts []CountFact
	movedFrom   map[[2]string]CountKey // (doc, key) → the scope it was extracted in; none for added counts
}

// docFacts is what a fact takes from its document.
type docFacts struct {
	ID          int64
	Date        string // doc date, or period end
	Title, Path string
	Superseded  bool
}

// splitList splits a list a reviewer typed: 、，, and ; separate items.
func splitList(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune("、，,;；", r) })
	out := f[:0]
	for _, x := range f {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, x)
		}
	}
	return out
}

// loadFactCorrections reads the corrections and resolves the names they
// give; nil when there is none.
func (s *Store) loadFactCorrections(ctx context.Context) (*factCorrections, error) {
	set, err := LoadCorrections(ctx, s.db)
	if err != nil {
		return nil, err
	}
	if set.Empty() {
		return nil, nil
	}
	fc := &factCorrections{set: set, regionCodes: map[string]string{}, hosts: map[string]string{},
		specialties: map[string]string{}, docs: map[string]docFacts{}, movedFrom: map[[2]string]CountKey{}}
	var regions, hosts, specialties []string
	for k, a := range set.records {
		fc.docs[k[0]] = docFacts{}
		fields := map[string]string{}
		for f, c := range a.Fields {
			fields[f] = c.After
		}
		if a.Added != nil {
			added := a.Added.AddedFields()
			for f, v := range added {
				if _, ok := fields[f]; !ok {
					fields[f] = v
				}
			}
			if fields[FieldRegion] == "" && k[1] != KindCenter {
				fields[FieldRegion] = added["name"]
			}
		}
		if v := fields[FieldRegion]; v != "" {
			regions = append(regions, v)
		}
		if v, ok := fields[FieldHost]; ok && k[1] == KindCenter {
			hosts = append(hosts, v)
		}
		if v, ok := fields[FieldMissing]; ok && k[1] == KindCoverage {
			specialties = append(specialties, splitList(v)...)
		}
	}
	for _, r := range regions {
		if _, done := fc.regionCodes[r]; done {
			continue
		}
		if fc.regionCodes[r], err = s.regionCode(ctx, r); err != nil {
			return nil, err
		}
	}
	for _, h := range hosts {
		if _, done := fc.hosts[h]; done {
			continue
		}
		var canon []string
		for _, name := range splitList(h) {
			var c string
			err := s.db.QueryRowContext(ctx, `SELECT COALESCE(canonical, name) FROM institutions WHERE name = ? OR canonical = ? LIMIT 1`, name, name).Scan(&c)
			if errors.Is(err, sql.ErrNoRows) {
				c = name
			} else if err != nil {
				return nil, fmt.Errorf("store: corrected hosts: %w", err)
			}
			canon = append(canon, c)
		}
		sort.Strings(canon)
		fc.hosts[h] = strings.Join(slices.Compact(canon), "、")
	}
	for _, sp := range specialties {
		if _, done := fc.specialties[sp]; done {
			continue
		}
		var name string
		err := s.db.QueryRowContext(ctx, `SELECT name FROM specialties WHERE name = ?1
			UNION ALL SELECT sp.name FROM coverage_missing m JOIN specialties sp ON sp.id = m.specialty_id WHERE m.specialty_text = ?1 LIMIT 1`, sp).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			name = sp
		} else if err != nil {
			return nil, fmt.Errorf("store: corrected specialties: %w", err)
		}
		fc.specialties[sp] = name
	}
	for sha := range fc.docs {
		var d docFacts
		err := s.db.QueryRowContext(ctx, `SELECT id, COALESCE(doc_date, period_end, ''), COALESCE(title, ''), path, superseded_by IS NOT NULL
			FROM documents WHERE sha256 = ?`, sha).Scan(&d.ID, &d.Date, &d.Title, &d.Path, &d.Superseded)
		if errors.Is(err, sql.ErrNoRows) {
			delete(fc.docs, sha) // its corrections are listed as unmatched
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("store: corrected documents: %w", err)
		}
		fc.docs[sha] = d
	}
	if err := s.loadMovedCounts(ctx, fc); err != nil {
		return nil, err
	}
	return fc, nil
}

// regionCode resolves a region as a reviewer wrote it: a region's name
// (or its name without 省, 市, 县 or 区), else a name the store already
// resolved in extracted facts. "" when unknown or when it names more than
// one region.
func (s *Store) regionCode(ctx context.Context, text string) (string, error) {
	for _, q := range []string{
		`SELECT code FROM regions WHERE name IN (?1, ?1 || '省', ?1 || '市', ?1 || '县', ?1 || '区') LIMIT 2`,
		// the records' names are not indexed: read only when the regions do not answer
		`SELECT DISTINCT region_code FROM (SELECT region_code FROM counts WHERE region_text = ?1 AND region_code IS NOT NULL
			UNION SELECT region_code FROM coverage WHERE region_text = ?1 AND region_code IS NOT NULL) LIMIT 2`,
	} {
		codes, err := s.strings(ctx, q, text)
		if err != nil {
			return "", fmt.Errorf("store: corrected region: %w", err)
		}
		switch len(codes) {
		case 1:
			return codes[0], nil
		case 2:
			return "", nil
		}
	}
	return "", nil
}

// strings runs a query of one text column.
func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// loadMovedCounts reads the counts whose region or level reviewers
// changed, and makes the counts they added.
func (s *Store) loadMovedCounts(ctx context.Context, fc *factCorrections) error {
	for k, a := range fc.set.records {
		if k[1] != KindCount || a.Deleted != nil {
			continue
		}
		d, ok := fc.docs[k[0]]
		if !ok || d.Superseded {
			continue
		}
		if a.Added != nil {
			added := a.Added.AddedFields()
			c := CountFact{Doc: k[0], Date: d.Date, Region: added["name"], Subject: "质控中心", Quote: a.Added.Quote, Span: a.Added.Span,
				Level: added[FieldLevel], AsOf: added[FieldDate]}
			region := added[FieldRegion]
			if region == "" {
				region = c.Region
			}
			c.RegionCode = fc.regionCodes[region]
			n, err := strconv.Atoi(added[FieldValue])
			if err != nil {
				continue // a count without a value is not compared
			}
			c.Value = n
			if c.AsOf == "" {
				c.AsOf = d.Date
			}
			if fc.applyCount(&c) {
				fc.movedCounts = append(fc.movedCounts, c)
			}
			continue
		}
		_, region := a.Fields[FieldRegion]
		_, level := a.Fields[FieldLevel]
		if !region && !level {
			continue
		}
		rows, err := s.db.QueryContext(ctx, `SELECT c.region_text, COALESCE(c.region_code, ''), COALESCE(c.level, ''), c.subject,
			COALESCE(c.as_of, ?), c.value, c.quote, c.span_start, c.span_end
			FROM counts c WHERE c.document_id = ? AND c.region_text || '|' || c.quote = ?`, d.Date, d.ID, k[2])
		if err != nil {
			return fmt.Errorf("store: corrected counts: %w", err)
		}
		for rows.Next() {
			c := CountFact{Doc: k[0], Date: d.Date}
			if err := rows.Scan(&c.Region, &c.RegionCode, &c.Level, &c.Subject, &c.AsOf, &c.Value, &c.Quote, &c.Span[0], &c.Span[1]); err != nil {
				rows.Close()
				return fmt.Errorf("store: corrected counts: %w", err)
			}
			from := CountKey{c.RegionCode, c.Level}
			if fc.applyCount(&c) && (CountKey{c.RegionCode, c.Level}) != from {
				fc.movedFrom[[2]string{k[0], k[2]}] = from
				fc.movedCounts = append(fc.movedCounts, c)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: corrected counts: %w", err)
		}
	}
	sortCounts(fc.movedCounts)
	return nil
}

// applyCount puts the corrections of a count into it; false when the
// count is not to be compared (deleted, without a value or a region).
func (fc *factCorrections) applyCount(c *CountFact) bool {
	if fc == nil {
		return true
	}
	a := fc.set.Lookup(c.Doc, KindCount, RecordKey(c.Region, c.Quote))
	if !a.Corrected() {
		return true
	}
	if a.Deleted != nil {
		return false
	}
	if x, ok := a.Fields[FieldValue]; ok {
		n, err := strconv.Atoi(x.After)
		if err != nil {
			return false
		}
		c.Value = n
	}
	if x, ok := a.Fields[FieldDate]; ok {
		c.AsOf = x.After
		if c.AsOf == "" {
			c.AsOf = c.Date
		}
	}
	if x, ok := a.Fields[FieldLevel]; ok {
		c.Level = x.After
	}
	if x, ok := a.Fields[FieldRegion]; ok {
		c.RegionCode = fc.regionCodes[x.After]
	}
	return c.RegionCode != ""
}

// countsInScope corrects counts read for the scope keys (nil: every
// scope): it drops those deleted or moved out, and adds those moved in.
func (fc *factCorrections) countsInScope(raw []CountFact, keys map[CountKey]bool) []CountFact {
	if fc == nil {
		return raw
	}
	out := raw[:0]
	for _, c := range raw {
		if _, moved := fc.movedFrom[[2]string{c.Doc, RecordKey(c.Region, c.Quote)}]; moved {
			continue // read again below, where it is now
		}
		if fc.applyCount(&c) {
			out = append(out, c)
		}
	}
	for _, c := range fc.movedCounts {
		if keys == nil || keys[CountKey{c.RegionCode, c.Level}] {
			out = append(out, c)
		}
	}
	sortCounts(out)
	return out
}

// sortCounts orders counts as the store reads them: by region, level,
// subject, date, document and place in it.
func sortCounts(cs []CountFact) {
	sort.SliceStable(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if c := cmp.Or(cmp.Compare(a.RegionCode, b.RegionCode), cmp.Compare(a.Level, b.Level), cmp.Compare(a.Subject, b.Subject),
			cmp.Compare(a.AsOf, b.AsOf), cmp.Compare(a.Doc, b.Doc)); c != 0 {
			return c < 0
		}
		return a.Span[0] < b.Span[0]
	})
}

// correctScopeKeys adds to a scope the places the corrected counts of
// these documents are in now.
func (fc *factCorrections) correctScopeKeys(shas []string, add func(CountKey)) {
	if fc == nil {
		return
	}
	for _, c := range fc.movedCounts {
		if slices.Contains(shas, c.Doc) {
			add(CountKey{c.RegionCode, c.Level})
		}
	}
}

// applyHost puts the corrections of a center's mention into its host
// statement; false when the mention was deleted.
func (fc *factCorrections) applyHost(h *HostFact) bool {
	if fc == nil {
		return true
	}
	a := fc.set.Lookup(h.Doc, KindCenter, RecordKey(h.Name, h.Quote))
	if !a.Corrected() {
		return true
	}
	if a.Deleted != nil {
		return false
	}
	if x, ok := a.Fields[FieldHost]; ok {
		h.Hosts = fc.hosts[x.After]
	}
	return true
}

// LatestCorrection returns the id of the store's latest correction (0:
// none).
func (s *Store) LatestCorrection(ctx context.Context) (int64, error) {
	var id sql.NullInt64
	if err := s.db.QueryRowContext(ctx, `SELECT max(id) FROM corrections`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: corrections: %w", err)
	}
	return id.Int64, nil
}

// CorrectionsChecked records that the findings across documents reflect
// the corrections up to id.
func (s *Store) CorrectionsChecked(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO meta(key, value) VALUES ('corrections_checked', ?1)
		ON CONFLICT(key) DO UPDATE SET value = ?1 WHERE CAST(value AS INTEGER) < CAST(?1 AS INTEGER)`, strconv.FormatInt(id, 10))
	if err != nil {
		return fmt.Errorf("store: corrections checked: %w", err)
	}
	return nil
}

// CountChange is a count of a current document that a reviewer changed:
// as extracted (Before; nil for a count a reviewer added) and as it stands
// now (After; nil when it was deleted, or no longer has a region code or
// a value to compare).
type CountChange struct {
	Before, After *CountFact
}

// CountChanges returns the counts reviewers changed, deleted or added, so
// that views aggregating counts (charts over time) can take the extracted
// ones out and put the corrected ones in.
func (s *Store) CountChanges(ctx context.Context) ([]CountChange, error) {
	fc, err := s.loadFactCorrections(ctx)
	if err != nil || fc == nil {
		return nil, err
	}
	var out []CountChange
	for k, a := range fc.set.records {
		d, ok := fc.docs[k[0]]
		if k[1] != KindCount || !ok || d.Superseded || !a.Corrected() {
			continue
		}
		if a.Added != nil {
			if a.Deleted != nil {
				continue
			}
			for _, c := range fc.movedCounts {
				if c.Doc == k[0] && RecordKey(c.Region, c.Quote) == k[2] {
					after := c
					out = append(out, CountChange{After: &after})
				}
			}
			continue
		}
		rows, err := s.db.QueryContext(ctx, `SELECT c.region_text, COALESCE(c.region_code, ''), COALESCE(c.level, ''), c.subject,
			COALESCE(c.as_of, ?), c.value, c.quote, c.span_start, c.span_end
			FROM counts c WHERE c.document_id = ? AND c.region_text || '|' || c.quote = ?`, d.Date, d.ID, k[2])
		if err != nil {
			return nil, fmt.Errorf("store: corrected counts: %w", err)
		}
		for rows.Next() {
			before := CountFact{Doc: k[0], Date: d.Date}
			if err := rows.Scan(&before.Region, &before.RegionCode, &before.Level, &before.Subject, &before.AsOf, &before.Value, &before.Quote, &before.Span[0], &before.Span[1]); err != nil {
				rows.Close()
				return nil, fmt.Errorf("store: corrected counts: %w", err)
			}
			ch := CountChange{Before: &before}
			after := before
			if fc.applyCount(&after) {
				ch.After = &after
			}
			out = append(out, ch)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("store: corrected counts: %w", err)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		key := func(c CountChange) (string, string, int) {
			f := c.Before
			if f == nil {
				f = c.After
			}
			return f.Doc, f.Quote, f.Span[0]
		}
		a1, a2, a3 := key(out[i])
		b1, b2, b3 := key(out[j])
		return cmp.Or(cmp.Compare(a1, b1), cmp.Compare(a2, b2), cmp.Compare(a3, b3)) < 0
	})
	return out, nil
}

// CorrectedScope is the scope of the corrections made after the one with
// id since: the facts the corrected counts and center mentions were
// extracted as and are now (a count's region and level before and after;
// a mention's center), and how many records that is. Corrections of
// coverage rows and activities are in no check across documents.
func (s *Store) CorrectedScope(ctx context.Context, since int64) (Scope, int, error) {
	var sc Scope
	fc, err := s.loadFactCorrections(ctx)
	if err != nil || fc == nil {
		return sc, 0, err
	}
	type rec struct{ doc, kind, key string }
	var recs []rec
	seen := map[rec]bool{}
	for k, a := range fc.set.records {
		r := rec{k[0], k[1], k[2]}
		if a.Latest > since && !seen[r] && (r.kind == KindCount || r.kind == KindCenter) {
			seen[r] = true
			recs = append(recs, r)
		}
	}
	sort.Slice(recs, func(i, j int) bool {
		return cmp.Or(cmp.Compare(recs[i].doc, recs[j].doc), cmp.Compare(recs[i].kind, recs[j].kind), cmp.Compare(recs[i].key, recs[j].key)) < 0
	})
	seenC, seenK := map[CountKey]bool{}, map[string]bool{}
	addCount := func(k CountKey) {
		if k.RegionCode != "" && !seenC[k] {
			seenC[k] = true
			sc.Counts = append(sc.Counts, k)
		}
	}
	for _, r := range recs {
		d, ok := fc.docs[r.doc]
		if !ok {
			continue // its document is gone: the correction is unmatched
		}
		switch r.kind {
		case KindCount:
			rows, err := s.db.QueryContext(ctx, `SELECT COALESCE(region_code, ''), COALESCE(level, '') FROM counts
				WHERE document_id = ? AND region_text || '|' || quote = ?`, d.ID, r.key)
			if err != nil {
				return sc, 0, fmt.Errorf("store: corrected scope: %w", err)
			}
			for rows.Next() {
				var k CountKey
				if err := rows.Scan(&k.RegionCode, &k.Level); err != nil {
					rows.Close()
					return sc, 0, fmt.Errorf("store: corrected scope: %w", err)
				}
				addCount(k)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return sc, 0, fmt.Errorf("store: corrected scope: %w", err)
			}
			for _, c := range fc.movedCounts {
				if c.Doc == r.doc && RecordKey(c.Region, c.Quote) == r.key {
					addCount(CountKey{c.RegionCode, c.Level})
				}
			}
		case KindCenter:
			keys, err := s.strings(ctx, `SELECT ce.key FROM center_mentions m JOIN centers ce ON ce.id = m.center_id
				WHERE m.document_id = ? AND m.name || '|' || m.quote = ?`, d.ID, r.key)
			if err != nil {
				return sc, 0, fmt.Errorf("store: corrected scope: %w", err)
			}
			for _, k := range keys {
				if !seenK[k] {
					seenK[k] = true
					sc.Centers = append(sc.Centers, k)
				}
			}
		}
	}
	return sc, len(recs), nil
}

// CheckedCorrections returns the id of the latest correction whose
// effect the findings across documents reflect (CorrectionsChecked), and
// of the store's latest correction.
func (s *Store) CheckedCorrections(ctx context.Context) (checked, latest int64, err error) {
	var v string
	switch err := s.db.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'corrections_checked'`).Scan(&v); {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, 0, fmt.Errorf("store: corrections checked: %w", err)
	default:
		checked, _ = strconv.ParseInt(v, 10, 64)
	}
	latest, err = s.LatestCorrection(ctx)
	return checked, latest, err
}
