package serve

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// searchHit is a document found, with its snippets.
type searchHit struct {
	Doc, Title string
	Snippets   []snippet
}

// snippet is a piece of text around a match.
type snippet struct {
	Before, Match, After string
	Start, End           int // the match's rune span
}

const (
	hitsPerPage   = 20
	snippetsPer   = 3
	snippetAround = 30 // runes on each side of a match
	maxQuery      = 100
)

func (s *Server) search(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > maxQuery {
		q = string([]rune(q)[:maxQuery])
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	data := map[string]any{"Q": q}
	if q != "" {
		p, err := s.st.Search(ctx, q, hitsPerPage, after)
		if err != nil {
			s.fail(w, r, http.StatusInternalServerError, err)
			return
		}
		var hits []searchHit
		for _, h := range p.Hits {
			text, err := s.docText(ctx, h.ID)
			if err != nil {
				s.fail(w, r, http.StatusInternalServerError, err)
				return
			}
			hits = append(hits, searchHit{Doc: h.Doc, Title: h.Title, Snippets: snippets(text, q, snippetsPer)})
		}
		data["Hits"], data["Page"] = hits, p
	}
	s.render(w, r, "search", "搜索", data)
}

// snippets returns up to n pieces of text around the matches of q.
func snippets(text, q string, n int) []snippet {
	var out []snippet
	runeAt := 0 // rune offset of text[byteAt:]
	byteAt := 0
	for len(out) < n {
		i := strings.Index(text[byteAt:], q)
		if i < 0 {
			break
		}
		runeAt += utf8.RuneCountInString(text[byteAt : byteAt+i])
		mStart := byteAt + i
		mEnd := mStart + len(q)
		b := mStart
		for k := 0; k < snippetAround && b > 0; k++ {
			_, size := utf8.DecodeLastRuneInString(text[:b])
			b -= size
		}
		e := mEnd
		for k := 0; k < snippetAround && e < len(text); k++ {
			_, size := utf8.DecodeRuneInString(text[e:])
			e += size
		}
		qn := utf8.RuneCountInString(q)
		out = append(out, snippet{Before: text[b:mStart], Match: q, After: text[mEnd:e], Start: runeAt, End: runeAt + qn})
		runeAt += qn
		byteAt = mEnd
	}
	return out
}
