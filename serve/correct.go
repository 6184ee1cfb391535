package serve

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"qcweave/reconcile"
	"qcweave/store"
)

// maxValue bounds a corrected value and a note, in runes.
const (
	maxValue = 200
	maxNote  = 2000
)

var dateRe = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// checkValue validates a corrected field's value ("" clears it).
func checkValue(field, v string) error {
	limit := maxValue
	if field == store.FieldMissing {
		limit = maxNote // a list of specialties
	}
	if utf8.RuneCountInString(v) > limit {
		return fmt.Errorf("the value is too long (at most %d characters)", limit)
	}
	if v == "" {
		return nil
	}
	switch field {
	case store.FieldValue:
		if n, err := strconv.Atoi(v); err != nil || n < 0 {
			return fmt.Errorf("a value is a whole number ≥ 0, not %q", v)
		}
	case store.FieldDate:
		if !dateRe.MatchString(v) {
			return fmt.Errorf("a date is YYYY-MM-DD (or YYYY-MM, YYYY), not %q", v)
		}
	case store.FieldLevel:
		if !slices.Contains(levels, v) {
			return fmt.Errorf("a level is one of %s, not %q", strings.Join(levels, "、"), v)
		}
	}
	return nil
}

// correct changes a field of a record, or deletes the record.
func (s *Server) correct(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := r.PostForm
	sha, kind, key := f.Get("doc"), f.Get("kind"), f.Get("key")
	action, field := f.Get("action"), f.Get("field")
	value := strings.TrimSpace(f.Get("value"))
	note := strings.TrimSpace(f.Get("note"))
	base, err := strconv.ParseInt(f.Get("base"), 10, 64)
	if err != nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("bad base %q", f.Get("base")))
		return
	}
	if utf8.RuneCountInString(note) > maxNote {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("the note is too long"))
		return
	}
	if action == store.ActionSet {
		if err := checkValue(field, value); err != nil {
			s.fail(w, r, http.StatusBadRequest, err)
			return
		}
	}
	m, ok := s.requestedDoc(w, r, sha)
	if !ok {
		return
	}
	recs, err := s.correctedRecords(ctx, m.ID, sha)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	var rec *Rec
	for i := range recs {
		if recs[i].Kind == kind && recs[i].Key == key {
			rec = &recs[i]
			break
		}
	}
	if rec == nil {
		s.fail(w, r, http.StatusNotFound, fmt.Errorf("this document has no such %s record (any more)", kind))
		return
	}
	c := store.Correction{Doc: sha, Kind: kind, Key: key, Action: action, Field: field, After: value, Note: note, By: s.opts.Reviewer, At: s.now(),
		Quote: rec.Quote, Span: [2]int{rec.Start, rec.End}}
	switch action {
	case store.ActionSet:
		for _, fv := range rec.Fields {
			if fv.Name == field {
				c.Before = fv.Value
			}
		}
		if c.Before == value {
			back(w, r, "/doc/"+sha+"#"+rec.Anchor, "未改动：值相同")
			return
		}
	case store.ActionDelete:
		if rec.Deleted {
			back(w, r, "/doc/"+sha+"#"+rec.Anchor, "该记录已删除")
			return
		}
	default:
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("unknown action %q", action))
		return
	}
	if _, err := s.st.Correct(ctx, c, base); err != nil {
		s.writeFailed(w, r, err, "/doc/"+sha+"#"+rec.Anchor)
		return
	}
	back(w, r, "/doc/"+sha+"#"+rec.Anchor, "已保存修正"+s.recheck(r))
}

// recheck checks the findings across documents again after a correction
// (reconcile.Corrected): those the wrong value caused go, those the
// corrected one causes come. It returns what to add to the message: the
// correction is saved even when the check fails (check runs it again).
func (s *Server) recheck(r *http.Request) string {
	if _, err := reconcile.Corrected(r.Context(), s.st); err != nil {
		s.opts.Log.Printf("serve: %s %s: recheck findings: %v", r.Method, r.URL.Path, err)
		return "；问题线索未能重新核对（qcweave check 会再核对）"
	}
	return "，问题线索已重新核对"
}

// writeFailed answers a refused correction: a conflict with another
// reviewer's change (409, explained), a bad request, or an error.
func (s *Server) writeFailed(w http.ResponseWriter, r *http.Request, err error, backTo string) {
	var conflict *store.ConflictError
	switch {
	case errors.As(err, &conflict):
		w.WriteHeader(http.StatusConflict)
		s.render(w, r, "conflict", "已被他人修改", map[string]any{"Correction": conflict.Latest, "Back": backTo})
	case errors.Is(err, store.ErrUnknownKind):
		s.fail(w, r, http.StatusBadRequest, err)
	default:
		s.fail(w, r, http.StatusInternalServerError, err)
	}
}

// add stores a record the extraction missed, made from a quote of the
// document (selected in the page, or typed) and the fields given.
func (s *Server) add(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f := r.PostForm
	sha, kind := f.Get("doc"), f.Get("kind")
	quote := strings.TrimSpace(f.Get("quote"))
	name := strings.TrimSpace(f.Get("name"))
	note := strings.TrimSpace(f.Get("note"))
	if store.Fields(kind) == nil {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("unknown kind %q", kind))
		return
	}
	if quote == "" || name == "" {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("a new record needs its quote and its name (region or center)"))
		return
	}
	if utf8.RuneCountInString(quote) > 4000 || utf8.RuneCountInString(name) > maxValue || utf8.RuneCountInString(note) > maxNote {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("too long"))
		return
	}
	fields := map[string]string{"name": name}
	for _, fl := range store.Fields(kind) {
		v := strings.TrimSpace(f.Get(fl))
		if err := checkValue(fl, v); err != nil {
			s.fail(w, r, http.StatusBadRequest, err)
			return
		}
		if v != "" {
			fields[fl] = v
		}
	}
	if kind != store.KindActivity && fields[store.FieldRegion] == "" && kind != store.KindCenter {
		fields[store.FieldRegion] = name
	}
	m, ok := s.requestedDoc(w, r, sha)
	if !ok {
		return
	}
	text, err := s.docText(ctx, m.ID)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	start, ok := findQuote(text, quote, f.Get("start"))
	if !ok {
		s.fail(w, r, http.StatusBadRequest, fmt.Errorf("the quote is not in the document's text: select it in the text"))
		return
	}
	after, _ := json.Marshal(fields)
	c := store.Correction{Doc: sha, Kind: kind, Key: store.RecordKey(name, quote), Action: store.ActionAdd, After: string(after),
		Quote: quote, Span: [2]int{start, start + utf8.RuneCountInString(quote)}, Note: note, By: s.opts.Reviewer, At: s.now()}
	if _, err := s.st.Correct(ctx, c, 0); err != nil {
		s.writeFailed(w, r, err, "/doc/"+sha)
		return
	}
	back(w, r, "/doc/"+sha, "已添加记录"+s.recheck(r))
}

// findQuote returns the rune offset of quote in text: at hint (the start
// the page's selection gave) when it is there, else its first occurrence.
func findQuote(text, quote, hint string) (int, bool) {
	if h, err := strconv.Atoi(hint); err == nil && h >= 0 {
		runes := []rune(text)
		q := []rune(quote)
		if h+len(q) <= len(runes) && string(runes[h:h+len(q)]) == quote {
			return h, true
		}
	}
	i := strings.Index(text, quote)
	if i < 0 {
		return 0, false
	}
	return utf8.RuneCountInString(text[:i]), true
}

// corrections lists every correction, newest first, and those whose record
// is no longer found.
func (s *Server) corrections(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	all, err := s.st.Corrections(ctx, "")
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	slices.Reverse(all)
	un, err := s.st.UnmatchedCorrections(ctx)
	if err != nil {
		s.fail(w, r, http.StatusInternalServerError, err)
		return
	}
	s.render(w, r, "corrections", "修正记录", map[string]any{"All": all, "Unmatched": un})
}
