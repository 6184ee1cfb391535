package extractors_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"qcweave/document"
	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/record"
)

// A coverage row whose city OCR misread by one character (衡阴 for 衡阳)
// is the one city of the document's province at the table's level that
// near; a name as near two cities (株州: 株洲, 郴州) is read as nothing,
// and a document not read by OCR is taken as written.
func TestCoverageRegionOneCharMisread(t *testing.T) {
	text := "湖南省卫生健康委员会关于全省质控中心建设情况的通报\n" +
		"各市州组建相应专业市级质控中心情况\n" +
		"序号市州已组建数量尚未组建相应专业市级质控中心的专业\n" +
		"1\t长沙\t58\t血液内科、医学信息\n" +
		"2\t衡阴\t47\t免疫学、骨科\n" +
		"3\t株州\t45\t眼科\n"
	regions := func(ex *record.Extraction) string {
		var out []string
		for _, c := range ex.Coverage {
			out = append(out, fmt.Sprintf("%s=%s", c.Region, str(c.RegionFull)))
		}
		return strings.Join(out, " ")
	}
	ex := extractRead(t, text, true)
	if got, want := regions(ex), "长沙=长沙市 衡阴=衡阳市"; got != want {
		t.Errorf("read by OCR: coverage %s, want %s", got, want)
	}
	if got, want := regions(extractRead(t, text, false)), "长沙=长沙市"; got != want {
		t.Errorf("born digital: coverage %s, want %s", got, want)
	}
}

// A host cell that runs two institutions together (two lines of the cell
// read without a space) is split where the rest is an institution named
// after a region; a branch or a name with 中心 inside is not; the dots
// OCR reads from a leader before the host do not hide it.
func TestHostCellOfTwoInstitutions(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"赣州市肿瘤医院九江市中心医院", "赣州市肿瘤医院|九江市中心医院"},
		{"江西省妇幼保健院江西省儿童医院", "江西省妇幼保健院|江西省儿童医院"},
		{"某某大学第三附属医院宜春市第二人民医院", "某某大学第三附属医院|宜春市第二人民医院"},
		{"赣州市人民医院分院", "赣州市人民医院分院"},
		{"某某大学附属医院赣州医院", "某某大学附属医院赣州医院"},
		{"东华中心肺病医院", "东华中心肺病医院"},
		{"某某大学第一附属医院", "某某大学第一附属医院"},
		{"。。赣州市肿瘤医院", "赣州市肿瘤医院"},
		{"：九江市中心医院", "九江市中心医院"},
	}
	for _, tt := range tests {
		ex := extractText(t, "江西省卫生健康委员会关于省级质控中心的通知\n附件\n省级质控中心名单\n序号\t质控中心名称\t依托单位\n1\t江西省护理质控中心\t"+tt.cell+"\n")
		if len(ex.Centers) != 1 || strings.Join(ex.Centers[0].Institutions, "|") != tt.want {
			t.Errorf("%s: centers %+v, want hosts %q", tt.cell, ex.Centers, tt.want)
		}
	}
}

// A specialty OCR misread by one character, in a list or in a center's
// name, is the one specialty of the dictionary that near (or, of several
// as near, the one the document writes); text not read by OCR is taken as
// written.
func TestSpecialtyOneCharMisread(t *testing.T) {
	const head = "江西省卫生健康委员会关于质控中心建设情况的通报\n"
	tests := []struct {
		name, text string
		ocr        bool
		centers    string // the centers' specialties
		missing    string // the coverage rows' missing lists
	}{
		{"a center's specialty", head + "经研究，同意成立江西省泌屎外科专业质控中心。\n", true, "泌尿外科", ""},
		{"a list item", head + "各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t眼科、内分秘、核医学\n", true, "", "眼科 内分泌 核医学"},
		{"an alias", head + "各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t产科、眼料学\n", true, "", "产科 眼科学"},
		{"as near two, the one the document writes", head + "经研究，同意成立江西省疼痛质控中心。\n各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t眼科、疫痛\n", true, "疼痛", "眼科 疼痛"},
		{"as near two, neither written", head + "各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t眼科、疫痛\n", true, "", "眼科 疫痛"},
		{"a stray mark before a list item", head + "各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t丨眼科、核医学\n", true, "", "眼科 核医学"},
		{"not read by OCR", head + "经研究，同意成立江西省泌屎外科专业质控中心。\n各地组建相应专业市级质控中心情况\n序号市州已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t丨眼科、内分秘\n", false, "泌屎外科", "丨眼科 内分秘"},
	}
	for _, tt := range tests {
		ex := extractRead(t, tt.text, tt.ocr)
		var cs, ms []string
		for _, c := range ex.Centers {
			cs = append(cs, str(c.Specialty))
		}
		for _, c := range ex.Coverage {
			ms = append(ms, c.Missing...)
		}
		if got := strings.Join(cs, " "); got != tt.centers {
			t.Errorf("%s: centers' specialties %q, want %q", tt.name, got, tt.centers)
		}
		if got := strings.Join(ms, " "); got != tt.missing {
			t.Errorf("%s: missing %q, want %q", tt.name, got, tt.missing)
		}
	}
}

// A center table's host cell left empty while the name cell holds the
// name and then the host (a scan lost the boundary between them): the
// host is read from the name cell.
func TestHostInTheNameCell(t *testing.T) {
	ex := extractText(t, "江西省卫生健康委员会关于省级质控中心的通知\n附件\n省级质控中心名单\n序号\t质控中心名称\t依托单位\n"+
		"1\t江西省护理质控中心\t赣州市肿瘤医院\n"+
		"2\t江西省药事管理质量控制中心九江市中心医院\t\n")
	var got []string
	for _, c := range ex.Centers {
		got = append(got, c.Name+"="+strings.Join(c.Institutions, "|"))
	}
	if want := "江西省护理质控中心=赣州市肿瘤医院 江西省药事管理质量控制中心=九江市中心医院"; strings.Join(got, " ") != want {
		t.Errorf("centers %q, want %q", got, want)
	}
}

// A coverage table's header read as a table of its own row, its cells run
// together (a scan), heads the headerless table after it.
func TestCoverageHeaderAsTableOfOneRow(t *testing.T) {
	ex := extractText(t, "江西省卫生健康委员会关于质控中心建设情况的通报\n各地组建相应专业市级质控中心情况\n"+
		"序号设区市已组建数量\t尚未组建相应专业市级质控中心的专业\n\n"+
		"1\t南昌\t40\t眼科、核医学\n2\t九江\t30\t产科\n")
	var got []string
	for _, c := range ex.Coverage {
		got = append(got, fmt.Sprintf("%s %d %s", c.Region, *c.Built, strings.Join(c.Missing, "、")))
	}
	if want := "南昌 40 眼科、核医学|九江 30 产科"; strings.Join(got, "|") != want {
		t.Errorf("coverage %q, want %q", got, want)
	}
}

// A headerless table right after a center table continues it (a page
// break cut the table): rows of as many cells keep its columns; rows a
// scan cut elsewhere (a name over two cells) are read from their text; a
// repeated header and a row naming no center are left; text between the
// two tables makes the second another table.
func TestCenterTableContinued(t *testing.T) {
	const head = "江西省卫生健康委员会关于省级质控中心的通知\n附件\n省级质控中心名单\n序号\t质控中心名称\t依托单位\n" +
		"1\t江西省护理质控中心\t赣州市肿瘤医院\n2\t江西省药事管理质控中心\t九江市中心医院\n"
	// pageBreak stands between the tables in the text; its block is
	// dropped, as a page break leaves no text between a table's parts
	const pageBreak = "分页\n"
	tests := []struct{ name, rest, want string }{
		{"same columns", pageBreak + "3\t江西省眼科质控中心\t宜春市人民医院\n4\t江西省产科质控中心\t赣州市妇幼保健院\n",
			"江西省眼科质控中心=宜春市人民医院 江西省产科质控中心=赣州市妇幼保健院"},
		{"cells cut elsewhere", pageBreak + "3\t江西省眼科质量\t控制中心\t宜春市人民医院\n序号\t质控中心名称依托单位\t\t\n4\t江西省产科质量控制中心赣州市妇幼保健院\t\t\n5\t合计\t\t\n",
			"江西省眼科质量控制中心=宜春市人民医院 江西省产科质量控制中心=赣州市妇幼保健院"},
		{"text between", "以上名单自发布之日起施行。\n3\t江西省眼科质量\t控制中心\t宜春市人民医院\n", ""},
	}
	for _, tt := range tests {
		doc, err := (&formats.Loader{}).Load(context.Background(), "case.txt", []byte(head+tt.rest))
		if err != nil {
			t.Fatal(err)
		}
		doc.Blocks = slices.DeleteFunc(doc.Blocks, func(b document.Block) bool { return doc.Slice(b.Span) == strings.TrimSpace(pageBreak) })
		ex, err := extractors.Extract(context.Background(), doc, loadTools(t))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, c := range ex.Centers[min(2, len(ex.Centers)):] {
			got = append(got, c.Name+"="+strings.Join(c.Institutions, "|"))
		}
		if len(ex.Centers) < 2 || strings.Join(got, " ") != tt.want {
			t.Errorf("%s: centers %q after the first two (of %d), want %q", tt.name, got, len(ex.Centers), tt.want)
		}
	}
}

// A coverage row's city misread as near several cities of the province is
// the one no other row of the table names (one row a city); with two
// left, none.
func TestCoverageRegionNearSeveral(t *testing.T) {
	const head = "湖南省卫生健康委员会关于全省质控中心建设情况的通报\n各市州组建相应专业市级质控中心情况\n" +
		"序号市州已组建数量尚未组建相应专业市级质控中心的专业\n"
	// the same rows under a header of cells
	const cells = "湖南省卫生健康委员会关于全省质控中心建设情况的通报\n各市州组建相应专业市级质控中心情况\n" +
		"序号\t市州\t已组建数量\t尚未组建的专业\n"
	tests := []struct{ head, rows, want string }{
		{head, "1\t岳阳\t50\t眼科\n2\t某阳\t47\t骨科\n3\t益阳\t45\t产科\n4\t衡阳\t44\t眼科\n", "岳阳=岳阳市 某阳=邵阳市 益阳=益阳市 衡阳=衡阳市"},
		{head, "1\t岳阳\t50\t眼科\n2\t某阳\t47\t骨科\n3\t益阳\t45\t产科\n", "岳阳=岳阳市 益阳=益阳市"},
		{cells, "1\t岳阳\t50\t眼科\n2\t某阳\t47\t骨科\n3\t益阳\t45\t产科\n4\t衡阳\t44\t眼科\n", "岳阳=岳阳市 某阳=邵阳市 益阳=益阳市 衡阳=衡阳市"},
		{cells, "1\t岳阳\t50\t眼科\n2\t某阳\t47\t骨科\n3\t益阳\t45\t产科\n", "岳阳=岳阳市 某阳=<nil> 益阳=益阳市"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range extractRead(t, tt.head+tt.rows, true).Coverage {
			got = append(got, c.Region+"="+str(c.RegionFull))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("coverage %q, want %q", got, tt.want)
		}
	}
}

// The end of a coverage table's last missing list read as a paragraph
// after the table (the cell's last line wrapped below the row, or over a
// page break) completes the row's list when its first piece completes the
// row's last item; a paragraph that does not is left alone.
func TestCoverageWrappedTail(t *testing.T) {
	const head = "江西省卫生健康委员会关于质控中心建设情况的通报\n各地组建相应专业市级质控中心情况\n" +
		"序号设区市已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t眼科、核医学\n2\t九江\t30\t产科、口腔种植\n"
	tests := []struct{ tail, want string }{
		{"技术、罕见病、医学信息\n", "产科、口腔种植技术、罕见病、医学信息"},
		{"以上数据截至4月底。\n", "产科、口腔种植"},
		{"技术等专业的建设仍在推进之中\n", "产科、口腔种植"},
	}
	for _, tt := range tests {
		ex := extractText(t, head+tt.tail)
		if len(ex.Coverage) != 2 || strings.Join(ex.Coverage[1].Missing, "、") != tt.want {
			t.Errorf("%q: coverage %+v, want the last row's missing %s", tt.tail, ex.Coverage, tt.want)
		}
	}
}

// A coverage table's header repeated on the next page and read into the
// cell above is cut from the cell's last item.
func TestCoverageHeaderInCell(t *testing.T) {
	ex := extractText(t, "江西省卫生健康委员会关于质控中心建设情况的通报\n各地组建相应专业市级质控中心情况\n"+
		"序号设区市已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t眼科、核医学序号设区市已组建数量尚未组建相应专业市级质控中心的专业\n2\t九江\t30\t产科\n")
	if len(ex.Coverage) != 2 || strings.Join(ex.Coverage[0].Missing, "、") != "眼科、核医学" {
		t.Errorf("coverage %+v, want the first row's missing 眼科、核医学", ex.Coverage)
	}
}

// A coverage table read by OCR whose rows name every city of the province
// but one, and one row a name no dictionary knows (two characters
// misread): that row is the city left, when its name is as long.
func TestCoverageLastCity(t *testing.T) {
	const head = "宁夏回族自治区卫生健康委员会关于全区质控中心建设情况的通报\n各市组建相应专业市级质控中心情况\n" +
		"序号\t地市\t已组建数量\t尚未组建的专业\n"
	tests := []struct {
		rows string
		ocr  bool
		want string
	}{
		{"1\t银川\t50\t眼科\n2\t石嘴山\t40\t骨科\n3\t吴忠\t45\t产科\n4\t甲乙\t44\t眼科\n5\t中卫\t30\t骨科\n", true,
			"银川=银川市 石嘴山=石嘴山市 吴忠=吴忠市 甲乙=固原市 中卫=中卫市"},
		{"1\t银川\t50\t眼科\n2\t石嘴山\t40\t骨科\n3\t吴忠\t45\t产科\n4\t甲乙\t44\t眼科\n5\t中卫\t30\t骨科\n", false,
			"银川=银川市 石嘴山=石嘴山市 吴忠=吴忠市 甲乙=<nil> 中卫=中卫市"},
		{"1\t银川\t50\t眼科\n2\t石嘴山\t40\t骨科\n3\t吴忠\t45\t产科\n4\t甲乙\t44\t眼科\n", true,
			"银川=银川市 石嘴山=石嘴山市 吴忠=吴忠市 甲乙=<nil>"},
		{"1\t银川\t50\t眼科\n2\t石嘴山\t40\t骨科\n3\t吴忠\t45\t产科\n4\t甲乙丙\t44\t眼科\n5\t中卫\t30\t骨科\n", true,
			"银川=银川市 石嘴山=石嘴山市 吴忠=吴忠市 甲乙丙=<nil> 中卫=中卫市"},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range extractRead(t, head+tt.rows, tt.ocr).Coverage {
			got = append(got, c.Region+"="+str(c.RegionFull))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("coverage %q, want %q", got, tt.want)
		}
	}
}

// A coverage list item read by OCR with a mark of the scan — a sign
// within it, a character before it — or a character read as two signs is
// the specialty the dictionary knows without them; text not read by OCR
// is taken as written.
func TestCoverageItemMarks(t *testing.T) {
	const head = "江西省卫生健康委员会关于质控中心建设情况的通报\n各地组建相应专业市级质控中心情况\n" +
		"序号设区市已组建数量尚未组建相应专业市级质控中心的专业\n1\t南昌\t40\t"
	tests := []struct {
		item string
		ocr  bool
		want string
	}{
		{"静脉血栓〔栓塞症", true, "静脉血栓栓塞症"},
		{"丨核医学", true, "核医学"},
		{"皮肤和性传/番疾病", true, "皮肤和性传播疾病"},
		{"静脉血栓〔栓塞症", false, "静脉血栓〔栓塞症"},
		{"静脉血检栓塞症", true, "静脉血栓栓塞症"},
	}
	for _, tt := range tests {
		ex := extractRead(t, head+"产科、"+tt.item+"\n", tt.ocr)
		if len(ex.Coverage) != 1 || strings.Join(ex.Coverage[0].Missing, "、") != "产科、"+tt.want {
			t.Errorf("%s: coverage %+v, want the missing 产科、%s", tt.item, ex.Coverage, tt.want)
		}
	}
}

// A row of a center table whose 序号 cell a scan lost holds its cells one
// column to the left — the name under 序号, the host under the name, the
// last cell empty — and is read shifted back: the center and its host,
// not a center named after the host. A row with its number stays as it is.
func TestCenterRowLostItsNumber(t *testing.T) {
	text := "山西省卫生健康委员会关于公布省级医疗质量控制中心名单的通知\n各市卫生健康委：\n现将省级医疗质量控制中心名单公布如下。\n" +
		"序号\t质控中心名称\t依托单位\n" +
		"山西省眼科医疗质量控制中心\t山西省眼科医院\t\n" +
		"2\t山西省护理质量控制中心\t山西医科大学第一医院\n" +
		"3\t山西省病理质量控制中心\t山西医科大学第二医院\n"
	for _, ocr := range []bool{false, true} {
		var got []string
		for _, c := range extractRead(t, text, ocr).Centers {
			seq := 0
			if c.Seq != nil {
				seq = *c.Seq
			}
			got = append(got, fmt.Sprintf("%d %s %s", seq, c.Name, strings.Join(c.Institutions, "、")))
		}
		want := []string{
			"1 山西省眼科医疗质量控制中心 山西省眼科医院",
			"2 山西省护理质量控制中心 山西医科大学第一医院",
			"3 山西省病理质量控制中心 山西医科大学第二医院",
		}
		if !slices.Equal(got, want) {
			t.Errorf("ocr %v: centers %q, want %q", ocr, got, want)
		}
	}
}
