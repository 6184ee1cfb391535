package ofdsvg

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"qcweave/internal/ofdpkg"
)

// TestCorpus draws every page of the shared corpus's OFD files and of the
// renderings of the seeds: each drawing is well-formed XML, and no page
// takes long. QCWEAVE_OFDSVG_OUT=DIR writes the drawings there, to look
// at; -v prints each file's time a page.
func TestCorpus(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/corpus/ofd/*.ofd")
	more, _ := filepath.Glob("../../../shared/dev/renderings/*.ofd")
	files = append(files, more...)
	if len(files) == 0 {
		t.Skip("../shared/corpus/ofd is absent")
	}
	out := os.Getenv("QCWEAVE_OFDSVG_OUT")
	var total time.Duration
	pages := 0
	for _, file := range files {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		a, err := ofdpkg.Open(b)
		if err != nil {
			t.Logf("%s: %v", filepath.Base(file), err)
			continue
		}
		list, err := a.Pages()
		if err != nil {
			t.Logf("%s: %v", filepath.Base(file), err)
			continue
		}
		start := time.Now()
		for n := 1; n <= len(list); n++ {
			svg, err := Render(context.Background(), b, n, 100)
			if err != nil {
				if errors.Is(err, ofdpkg.ErrMissing) {
					t.Logf("%s page %d: %v", filepath.Base(file), n, err)
					continue
				}
				t.Errorf("%s page %d: %v", filepath.Base(file), n, err)
				continue
			}
			if err := wellFormed(svg); err != nil {
				t.Errorf("%s page %d: %v", filepath.Base(file), n, err)
			}
			if out != "" {
				name := strings.TrimSuffix(filepath.Base(file), ".ofd") + "-" + strconv.Itoa(n) + ".svg"
				if err := os.WriteFile(filepath.Join(out, name), svg, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		d := time.Since(start)
		total += d
		pages += len(list)
		t.Logf("%s: %d pages, %v a page", filepath.Base(file), len(list), d/time.Duration(len(list)))
		if per := d / time.Duration(len(list)); per > 2*time.Second {
			t.Errorf("%s: %v a page", filepath.Base(file), per)
		}
	}
	t.Logf("%d pages, %v a page on average", pages, total/time.Duration(max(pages, 1)))
}

// wellFormed reads an SVG through, and finds no script, no foreign object
// and no reference out of the document but data: images.
func wellFormed(svg []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if el, ok := tok.(xml.StartElement); ok {
			switch el.Name.Local {
			case "script", "foreignObject", "a", "style", "iframe", "animate", "set":
				return errors.New("the drawing has a <" + el.Name.Local + ">")
			}
			for _, at := range el.Attr {
				if strings.HasPrefix(at.Name.Local, "on") {
					return errors.New("the drawing has an " + at.Name.Local + " attribute")
				}
				if at.Name.Local == "href" && !strings.HasPrefix(at.Value, "#") && !strings.HasPrefix(at.Value, "data:image/") {
					return errors.New("the drawing refers to " + at.Value)
				}
			}
		}
	}
}
