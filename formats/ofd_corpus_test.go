package formats

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// TestOFDCorpus reads every OFD file of the shared corpus: each is read or
// refused with a one-line reason, and the text of a readable one holds the
// characters of its TextCode elements (≥ 98% of them, in a bag) and keeps
// their order (≥ 85% of the character pairs inside each TextCode: forms
// whose field values overlay their labels interleave some).
func TestOFDCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../shared/corpus/ofd/*.ofd")
	if len(files) == 0 {
		t.Skip("../shared/corpus/ofd is absent")
	}
	l := &Loader{}
	read := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := l.Load(context.Background(), f, b)
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: a reason of several lines: %q", filepath.Base(f), err)
			}
			continue
		}
		read++
		want := textCodes(t, b)
		got := fold(doc.Text)
		if bag := bagRecall(want, got); bag < 0.98 {
			t.Errorf("%s: %.2f of the TextCode characters in the text", filepath.Base(f), bag)
		}
		if pairs := pairRecall(want, got); pairs < 0.85 {
			t.Errorf("%s: %.2f of the TextCode character pairs in the text", filepath.Base(f), pairs)
		}
	}
	t.Logf("%d of %d OFD files read", read, len(files))
	if read < len(files)*3/4 {
		t.Errorf("only %d of %d OFD files read", read, len(files))
	}
}

// textCodes returns the folded text of every TextCode an OFD archive
// shows: its pages' and the templates they use, one string per TextCode.
func textCodes(t *testing.T, b []byte) []string {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	parts := map[string]*zip.File{}
	for _, f := range zr.File {
		parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	read := func(name string) []byte {
		f, ok := parts[strings.ToLower(strings.TrimPrefix(path.Clean("/"+name), "/"))]
		if !ok {
			return nil
		}
		rc, err := f.Open()
		if err != nil {
			return nil
		}
		defer rc.Close()
		data, _ := io.ReadAll(rc)
		return data
	}
	var root struct {
		DocRoot []string `xml:"DocBody>DocRoot"`
	}
	xml.Unmarshal(read("OFD.xml"), &root)
	var out []string
	for _, dr := range root.DocRoot {
		dr = strings.TrimSpace(dr)
		var doc struct {
			Tpl []struct {
				ID      string `xml:"ID,attr"`
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"CommonData>TemplatePage"`
			Page []struct {
				BaseLoc string `xml:"BaseLoc,attr"`
			} `xml:"Pages>Page"`
		}
		xml.Unmarshal(read(dr), &doc)
		loc := func(l string) string {
			if strings.HasPrefix(l, "/") {
				return l
			}
			return path.Join(path.Dir(dr), l)
		}
		tpls := map[string]string{}
		for _, tp := range doc.Tpl {
			tpls[tp.ID] = loc(tp.BaseLoc)
		}
		var pages [][]string
		for _, p := range doc.Page {
			data := read(loc(p.BaseLoc))
			var pg struct {
				Tpl []struct {
					ID string `xml:"TemplateID,attr"`
				} `xml:"Template"`
			}
			xml.Unmarshal(data, &pg)
			var page []string
			for _, tp := range pg.Tpl {
				page = append(page, codes(read(tpls[tp.ID]))...)
			}
			pages = append(pages, append(page, codes(data)...))
		}
		// short texts on three pages or more are running heads (a form's
		// labels): the layout keeps them once
		onPages := map[string]int{}
		for _, page := range pages {
			seen := map[string]bool{}
			for _, c := range page {
				if !seen[c] {
					seen[c] = true
					onPages[c]++
				}
			}
		}
		once := map[string]bool{}
		for _, page := range pages {
			for _, c := range page {
				if onPages[c] >= 3 && len([]rune(c)) <= 40 {
					if once[c] {
						continue
					}
					once[c] = true
				}
				out = append(out, c)
			}
		}
	}
	return out
}

// codes returns the folded text of each TextCode of a Content.xml.
func codes(data []byte) []string {
	dec := xml.NewDecoder(bytes.NewReader(data))
	var out []string
	var cur *strings.Builder
	for {
		tok, err := dec.RawToken()
		if err != nil {
			return out
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if x.Name.Local == "TextCode" {
				cur = &strings.Builder{}
			}
		case xml.EndElement:
			if x.Name.Local == "TextCode" && cur != nil {
				out = append(out, fold(cur.String()))
				cur = nil
			}
		case xml.CharData:
			if cur != nil {
				cur.Write(x)
			}
		}
	}
}

// fold removes white space and folds width (as the layout does).
func fold(s string) string {
	s = norm.NFKC.String(s)
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func bagRecall(want []string, got string) float64 {
	have := map[rune]int{}
	for _, r := range got {
		have[r]++
	}
	n, hit := 0, 0
	for _, r := range strings.Join(want, "") {
		n++
		if have[r] > 0 {
			have[r]--
			hit++
		}
	}
	if n == 0 {
		return 1
	}
	return float64(hit) / float64(n)
}

// pairRecall is the share of the character pairs inside each TextCode
// that the text has in the same order.
func pairRecall(want []string, got string) float64 {
	have := map[string]int{}
	g := []rune(got)
	for i := 0; i+1 < len(g); i++ {
		have[string(g[i:i+2])]++
	}
	n, hit := 0, 0
	for _, code := range want {
		w := []rune(code)
		for i := 0; i+1 < len(w); i++ {
			n++
			if have[string(w[i:i+2])] > 0 {
				have[string(w[i:i+2])]--
				hit++
			}
		}
	}
	if n == 0 {
		return 1
	}
	return float64(hit) / float64(n)
}
