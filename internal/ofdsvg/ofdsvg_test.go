package ofdsvg

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	imgcolor "image/color"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"time"
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

// sample is a one-page notice of invented words: a template's heading, a
// line of text, a red rule drawn with a DrawParam, a filled box and an
// image, over a 200 × 100 mm page whose own Area says so.
func sample(body string) map[string]string {
	var img bytes.Buffer
	m := image.NewRGBA(image.Rect(0, 0, 2, 2))
	m.Set(0, 0, imgcolor.RGBA{255, 0, 0, 255})
	png.Encode(&img, m)
	return map[string]string{
		"OFD.xml": `<?xml version="1.0" encoding="UTF-8"?><ofd:OFD ` + ns + `><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
		"Doc_0/Document.xml": `<ofd:Document ` + ns + `><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`,
		"Doc_0/PublicRes.xml": `<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="2" FontName="黑体" FamilyName="SimHei"/></ofd:Fonts>
<ofd:DrawParams><ofd:DrawParam ID="3" LineWidth="0.7"><ofd:StrokeColor Value="200 0 0"/></ofd:DrawParam><ofd:DrawParam ID="4" Relative="3"/></ofd:DrawParams>
<ofd:MultiMedias><ofd:MultiMedia ID="5" Type="Image"><ofd:MediaFile>dot.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`,
		"Doc_0/Res/dot.png": img.String(),
		"Doc_0/Tpls/Tpl_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Content><ofd:Layer><ofd:TextObject Boundary="20 10 150 10" Font="2" Size="7">
<ofd:TextCode X="0" Y="7" DeltaX="g 4 7">青禾县卫生局</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
		"Doc_0/Pages/Page_0/Content.xml": `<ofd:Page ` + ns + `><ofd:Area><ofd:PhysicalBox>0 0 200 100</ofd:PhysicalBox></ofd:Area><ofd:Template TemplateID="9"/><ofd:Content><ofd:Layer DrawParam="4">` + body + `</ofd:Layer></ofd:Content></ofd:Page>`,
	}
}

const drawing = `<ofd:TextObject Boundary="20 40 150 8" Size="5" Font="2"><ofd:FillColor Value="0 0 255"/><ofd:TextCode X="0" Y="5" DeltaX="5 5 5">松柏质控</ofd:TextCode></ofd:TextObject>
<ofd:PathObject Boundary="18 30 160 1"><ofd:AbbreviatedData>M 0 0 L 160 0</ofd:AbbreviatedData></ofd:PathObject>
<ofd:PathObject Boundary="20 60 30 10" Stroke="false" Fill="true"><ofd:FillColor Value="#00 #80 #00" Alpha="128"/><ofd:AbbreviatedData>M 0 0 L 30 0 L 30 10 L 0 10 C</ofd:AbbreviatedData>
<ofd:Clips><ofd:Clip><ofd:Area><ofd:Path Boundary="0 0 1 1"><ofd:AbbreviatedData>M 9 9 L 99 99</ofd:AbbreviatedData></ofd:Path></ofd:Area></ofd:Clip></ofd:Clips></ofd:PathObject>
<ofd:ImageObject Boundary="100 60 20 20" CTM="20 0 0 20 0 0" ResourceID="5"/>`

func render(t *testing.T, parts map[string]string) string {
	t.Helper()
	svg, err := Render(context.Background(), pkg(parts), 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if err := wellFormed(svg); err != nil {
		t.Fatalf("%v\n%s", err, svg)
	}
	return string(svg)
}

// TestDraw: text lands at its object's place, each character at its
// delta, in its colour and font; a path's stroke comes from its layer's
// DrawParam through a Relative parent; a fill keeps its alpha; a clip's
// path is not drawn; the image is embedded; the template is drawn first;
// the page's own Area sets the size.
func TestDraw(t *testing.T) {
	svg := render(t, sample(drawing))
	for _, want := range []string{
		`width="787.402" height="393.701" viewBox="0 0 200 100"`,
		`<text transform="matrix(1 0 0 1 20 40)" font-size="5" font-family="&#39;黑体&#39;, &#39;SimHei&#39;, sans-serif" fill="#0000ff" x="0 5 10 15" y="5 5 5 5">松柏质控</text>`,
		`<path transform="matrix(1 0 0 1 18 30)" d="M 0 0 L 160 0" fill="none" stroke="#c80000" stroke-width="0.7"/>`,
		`d="M 0 0 L 30 0 L 30 10 L 0 10 Z" fill="#008000" fill-opacity="0.502"`,
		`<image id="img1" x="0" y="0" width="1" height="1" preserveAspectRatio="none" href="data:image/png;base64,`,
		`<use transform="matrix(20 0 0 20 100 60)" href="#img1"/>`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("no %s in\n%s", want, svg)
		}
	}
	if strings.Contains(svg, "M 9 9") {
		t.Error("a clip's path is drawn")
	}
	if i, j := strings.Index(svg, "青禾县"), strings.Index(svg, "松柏"); i < 0 || i > j {
		t.Error("the template is not drawn behind the page")
	}
}

// TestEscaped: text that would close or open markup is written as text,
// and attribute values of the file never reach the SVG.
func TestEscaped(t *testing.T) {
	body := `<ofd:TextObject Boundary="20 40 150 8" Size="5"><ofd:TextCode X="0" Y="5">&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp; "x"</ofd:TextCode></ofd:TextObject>
<ofd:TextObject Boundary="20 40 150 8&quot; onload=&quot;alert(1)" Size="5&quot;/&gt;&lt;script&gt;" Font="2"><ofd:TextCode X="0" Y="5">甲</ofd:TextCode></ofd:TextObject>
<ofd:PathObject Boundary="0 0 1 1"><ofd:AbbreviatedData>M 0 0 L 1 1 &lt;script&gt; L javascript:alert(1)</ofd:AbbreviatedData></ofd:PathObject>`
	parts := sample(body)
	parts["Doc_0/PublicRes.xml"] = `<ofd:Res ` + ns + `><ofd:Fonts><ofd:Font ID="2" FontName="x'&quot;&gt;&lt;script&gt;&lt;/script&gt;"/></ofd:Fonts></ofd:Res>`
	svg := render(t, parts)
	if strings.Contains(svg, "<script") || strings.Contains(svg, "]]>") || strings.Contains(svg, "onload") || strings.Contains(svg, "javascript") {
		t.Errorf("markup of the file reaches the SVG:\n%s", svg)
	}
	if !strings.Contains(svg, "&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp; &#34;x&#34;</text>") {
		t.Errorf("the text is not kept as text:\n%s", svg)
	}
}

// TestBrokenReferences: a missing template, font, DrawParam, image and
// resource part, a DrawParam that is its own parent, a path of junk: the
// page is drawn without them.
func TestBrokenReferences(t *testing.T) {
	parts := sample(`<ofd:TextObject Boundary="20 40 150 8" Size="5" Font="77" DrawParam="88"><ofd:TextCode X="0" Y="5">残缺</ofd:TextCode></ofd:TextObject>
<ofd:ImageObject Boundary="100 60 20 20" CTM="20 0 0 20 0 0" ResourceID="99"/><ofd:ImageObject Boundary="10 60 20 20" ResourceID="5"/>
<ofd:PathObject Boundary="0 0 1 1" DrawParam="6"><ofd:AbbreviatedData>L 1 1 Q 1 B 2 A 3 x M 1 NaN M 2 2 L 3 3 A 1 1 0 7 -3 5 5</ofd:AbbreviatedData></ofd:PathObject>`)
	parts["Doc_0/Pages/Page_0/Content.xml"] = strings.Replace(parts["Doc_0/Pages/Page_0/Content.xml"], `<ofd:Template TemplateID="9"/>`, `<ofd:Template TemplateID="9"/><ofd:Template TemplateID="404"/><ofd:PageRes>Nowhere.xml</ofd:PageRes>`, 1)
	parts["Doc_0/PublicRes.xml"] = strings.Replace(parts["Doc_0/PublicRes.xml"], `<ofd:DrawParam ID="4" Relative="3"/>`, `<ofd:DrawParam ID="6" Relative="6"/>`, 1)
	delete(parts, "Doc_0/Tpls/Tpl_0/Content.xml")
	delete(parts, "Doc_0/Res/dot.png")
	svg := render(t, parts)
	if !strings.Contains(svg, ">残缺</text>") {
		t.Errorf("the text is not drawn:\n%s", svg)
	}
	if n := strings.Count(svg, `fill="#edf2f7"`); n != 2 {
		t.Errorf("%d frames for two missing images:\n%s", n, svg)
	}
	if !strings.Contains(svg, `d="M 2 2 L 3 3 A 1 1 0 1 1 5 5"`) {
		t.Errorf("the path's good commands are not kept:\n%s", svg)
	}
	if _, err := Render(context.Background(), pkg(parts), 2, 100); !errors.Is(err, ErrNoPage) {
		t.Errorf("page 2 of 1: %v", err)
	}
}

// TestBounds: a page larger than MaxSide is refused; a page of more
// objects than MaxObjects is drawn in part, says so, and is drawn in
// bounded time; a done context stops the drawing.
func TestBounds(t *testing.T) {
	huge := sample("")
	huge["Doc_0/Pages/Page_0/Content.xml"] = strings.Replace(huge["Doc_0/Pages/Page_0/Content.xml"], "0 0 200 100", "0 0 1e9 1e9", 1)
	if _, err := Render(context.Background(), pkg(huge), 1, 100); !errors.Is(err, ErrTooBig) {
		t.Errorf("a page of 1e9 mm: %v", err)
	}
	flat := sample("")
	flat["Doc_0/Pages/Page_0/Content.xml"] = strings.Replace(flat["Doc_0/Pages/Page_0/Content.xml"], "0 0 200 100", "0 0 0 -5", 1)
	if _, err := Render(context.Background(), pkg(flat), 1, 100); err == nil {
		t.Error("a page without size is drawn")
	}
	var many strings.Builder
	for i := range MaxObjects + 10 {
		fmt.Fprintf(&many, `<ofd:PathObject Boundary="%d 1 1 1"><ofd:AbbreviatedData>M 0 0 L 1 1</ofd:AbbreviatedData></ofd:PathObject>`, i%200)
	}
	b := pkg(sample(many.String()))
	start := time.Now()
	svg, err := Render(context.Background(), b, 1, 100)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("%d objects drawn in %v", MaxObjects, d)
	}
	if n := strings.Count(string(svg), "<path "); n != MaxObjects-1 { // and the template's text
		t.Errorf("%d paths drawn, want %d", n, MaxObjects-1)
	}
	if !regexp.MustCompile(`只画出了本页的一部分：超过 \d+ 个对象`).Match(svg) {
		t.Error("a page drawn in part does not say so")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Render(ctx, b, 1, 100); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled drawing: %v", err)
	}
}

// FuzzRender guards the renderer against hostile packages: whatever the
// bytes, it returns an error or a well-formed SVG with nothing active in
// it.
func FuzzRender(f *testing.F) {
	f.Add(pkg(sample(drawing)))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		svg, err := Render(context.Background(), b, 1, 100)
		if err != nil {
			return
		}
		if err := wellFormed(svg); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzContent guards the drawing of a page's content, the part a hostile
// file controls most: whatever its XML, the SVG is well-formed with
// nothing active in it.
func FuzzContent(f *testing.F) {
	f.Add(drawing)
	f.Add(`<ofd:TextObject Boundary="1 1 1 1"><ofd:TextCode DeltaX="g 9 x">&lt;a&gt;</ofd:TextCode></ofd:TextObject>`)
	f.Fuzz(func(t *testing.T, body string) {
		svg, err := Render(context.Background(), pkg(sample(body)), 1, 100)
		if err != nil {
			return
		}
		if err := wellFormed(svg); err != nil {
			t.Fatalf("%v\n%s", err, svg)
		}
	})
}
