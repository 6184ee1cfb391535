package ofd

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// pkg builds an OFD archive from its parts.
func pkg(parts map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range parts {
		w, _ := zw.Create(name)
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`

func sample() map[string]string {
	return map[string]string{
		"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<ofd:Document ` + ns + `><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="/Doc_0/Pages/Page_1/Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/Tpls/Tpl_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:TextObject Boundary="30 20 150 10" Size="7">
<ofd:TextCode X="0" Y="7" DeltaX="g 5 7">某省卫生健康委员会</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
		// the second line is written first: reading order comes from the positions
		"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Template TemplateID="9"/><ofd:Content><ofd:Layer>
<ofd:TextObject Boundary="30 60 150 8" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g 11 5">各市卫生健康委员会：</ofd:TextCode></ofd:TextObject>
<ofd:PageBlock><ofd:TextObject Boundary="30 40 150 8" Size="5" CTM="1 0 0 1 0 0"><ofd:TextCode X="0" Y="5" DeltaX="5 5 5 5 5 5 5 5 5 5">关于公布质控中心名单的通知</ofd:TextCode></ofd:TextObject></ofd:PageBlock>
<ofd:PathObject Boundary="28 50 156 1"><ofd:AbbreviatedData>M 0 0 L 156 0 C</ofd:AbbreviatedData></ofd:PathObject>
</ofd:Layer></ofd:Content></ofd:Page>`,
		"Doc_0/Pages/Page_1/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:TextObject Boundary="30 30 150 8" Size="5">
<ofd:TextCode X="0" Y="5">第二页</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
	}
}

func TestRead(t *testing.T) {
	res, err := Read(pkg(sample()))
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 2 {
		t.Errorf("%d pages, want 2", res.Pages)
	}
	var text []string
	for _, l := range res.Lines {
		if l.Text != "" {
			text = append(text, strings.ReplaceAll(l.Text, " ", ""))
		}
	}
	want := []string{"某省卫生健康委员会", "关于公布质控中心名单的通知", "各市卫生健康委员会：", "第二页"}
	if strings.Join(text, "|") != strings.Join(want, "|") {
		t.Errorf("lines %q, want %q (template first, then by position)", text, want)
	}
	if res.Quality < 0.99 {
		t.Errorf("quality %.2f", res.Quality)
	}
}

func TestRefusals(t *testing.T) {
	noText := sample()
	noText["Doc_0/Pages/Page_0/Content.xml"] = `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:ImageObject Boundary="0 0 10 10" ResourceID="5"/></ofd:Layer></ofd:Content></ofd:Page>`
	noText["Doc_0/Pages/Page_1/Content.xml"] = noText["Doc_0/Pages/Page_0/Content.xml"]
	noText["Doc_0/Tpls/Tpl_0/Content.xml"] = noText["Doc_0/Pages/Page_0/Content.xml"]
	deep := sample()
	deep["Doc_0/Pages/Page_1/Content.xml"] = strings.Repeat("<ofd:PageBlock>", maxDepth+5) + strings.Repeat("</ofd:PageBlock>", maxDepth+5)
	missing := sample()
	delete(missing, "Doc_0/Pages/Page_1/Content.xml")
	tests := []struct {
		name string
		b    []byte
		want string
	}{
		{"no OFD.xml", pkg(map[string]string{"a.xml": "<a/>"}), ErrNotOFD.Error()},
		{"images only", pkg(noText), "no text"},
		{"nesting bomb", pkg(deep), "nested"},
		{"a page missing", pkg(missing), "missing part"},
		{"not a zip", []byte("PK\x03\x04junk"), "ofd:"},
	}
	for _, tt := range tests {
		_, err := Read(tt.b)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: error %v, want one line with %q", tt.name, err, tt.want)
		}
	}
	if _, err := Read(pkg(deep)); !errors.Is(err, ErrTooBig) {
		t.Errorf("nesting bomb: %v is not ErrTooBig", err)
	}
}

func FuzzRead(f *testing.F) {
	f.Add(pkg(sample()))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		res, err := Read(b)
		if err != nil {
			return
		}
		off := -1
		for _, l := range res.Lines {
			if l.Offset < off {
				t.Fatalf("offsets go back: %d after %d", l.Offset, off)
			}
			off = l.Offset
		}
	})
}

// A table written one TextObject per cell, its host column far right of
// the number and the name (the widths of the longest cells), is read row
// by row, not as two columns of text.
func TestTableFarRightColumn(t *testing.T) {
	parts := sample()
	delete(parts, "Doc_0/Tpls/Tpl_0/Content.xml")
	doc := strings.Replace(parts["Doc_0/Document.xml"], `<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/>`, "", 1)
	parts["Doc_0/Document.xml"] = strings.Replace(doc, `<ofd:Page ID="2" BaseLoc="/Doc_0/Pages/Page_1/Content.xml"/>`, "", 1)
	names := []string{"江北省心血管内科专业医疗质量控制中心", "江北省病理质量控制中心", "江北省麻醉质量控制中心", "江北省小儿神经外科及神经介入专业医疗质量控制中心"}
	hosts := []string{"江北省第一人民医院", "江北省肿瘤医院", "江北医科大学附属第二医院"}
	var body strings.Builder
	for i := range 24 {
		y := 30 + float64(i)*7
		cell := func(x float64, s string) {
			fmt.Fprintf(&body, `<ofd:TextObject Boundary="%.1f %.1f 200 7" Size="4.2"><ofd:TextCode X="0" Y="4.2" DeltaX="g %d 4.2">%s</ofd:TextCode></ofd:TextObject>`,
				x, y, len([]rune(s))-1, s)
		}
		cell(25, strconv.Itoa(i+1))
		cell(39.4, names[i%len(names)])
		cell(150, hosts[i%len(hosts)])
	}
	parts["Doc_0/Pages/Page_0/Content.xml"] = `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer>` + body.String() + `</ofd:Layer></ofd:Content></ofd:Page>`
	res, err := Read(pkg(parts))
	if err != nil {
		t.Fatal(err)
	}
	rows := 0
	for _, l := range res.Lines {
		if l.Page != 1 || (l.Text == "" && l.Cells == nil) {
			continue
		}
		if len(l.Cells) != 3 {
			t.Fatalf("line %q %v: want a row of three cells", l.Text, l.Cells)
		}
		if want := hosts[rows%len(hosts)]; strings.ReplaceAll(l.Cells[2].Text, " ", "") != want {
			t.Errorf("row %d: host %q, want %q", rows+1, l.Cells[2].Text, want)
		}
		rows++
	}
	if rows != 24 {
		t.Errorf("%d rows, want 24", rows)
	}
}
