package ocr

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
)

// symbol is a character of tesseract's hOCR (hocr_char_boxes): its text,
// confidence, box (x0, y0, x1, y1 in pixels) and the other characters it
// weighed (lstm_choice_mode=2), surest first.
type symbol struct {
	text string
	conf float64
	box  [4]float64
	alts []Choice
}

// parseHOCR reads the characters of tesseract's hOCR in reading order.
// The choices of a character follow it as a sibling span whose id starts
// with lstm_choices.
func parseHOCR(b []byte) []symbol {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	type span struct{ id, title string }
	var stack []span
	var out []symbol
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			var s span
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "id":
					s.id = a.Value
				case "title":
					s.title = a.Value
				}
			}
			stack = append(stack, s)
			text.Reset()
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			if len(stack) == 0 {
				continue
			}
			s := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			val := strings.TrimSpace(text.String())
			text.Reset()
			switch {
			case strings.HasPrefix(s.title, "x_bboxes ") && val != "":
				y := symbol{text: val}
				for _, part := range strings.Split(s.title, ";") {
					f := strings.Fields(part)
					switch {
					case len(f) == 5 && f[0] == "x_bboxes":
						for k := range 4 {
							y.box[k], _ = strconv.ParseFloat(f[k+1], 64)
						}
					case len(f) == 2 && f[0] == "x_conf":
						y.conf, _ = strconv.ParseFloat(f[1], 64)
					}
				}
				out = append(out, y)
			case strings.HasPrefix(s.id, "choice_") && len(out) > 0 && val != "":
				f := strings.Fields(s.title)
				if len(f) == 2 && f[0] == "x_confs" {
					c, _ := strconv.ParseFloat(f[1], 64)
					out[len(out)-1].alts = append(out[len(out)-1].alts, Choice{val, c})
				}
			}
		}
	}
	return out
}
