package extractors

import (
	"regexp"
	"sort"
	"strings"

	"qcweave/cnparse"
	"qcweave/document"
)

// Tables of activities: a bulletin may set what its centers did as a table
// — 日期 | 质控中心 | 工作内容, one row per event or paragraph, the center
// cell merged down the rows of its story (and left empty where the span
// goes on over a page break). Such a table reads as the same prose: each
// row's content cell is a paragraph, opened by the row's date; each new
// center a heading that starts its story.

var (
	// reColDate names a table's date column, reColContent its column of
	// what was done, reColOrg the column of who did it
	reColDate    = regexp.MustCompile(`日期|时间`)
	reColContent = regexp.MustCompile(`内容|活动|工作|事项|情况|概况|简介|主题|事由`)
	reColOrg     = regexp.MustCompile(`中心|单位|机构|主办|承办|牵头|组织|部门`)
)

// rowProse is what an activity table's row reads as: the paragraph of its
// content cell, the span of its date cell (empty: none), and whether the
// paragraph is a center cell that opens a story.
type rowProse struct {
	para  document.Block
	date  document.Span
	story bool
}

// activityColumns returns the date, center and content columns of a table
// whose header names all three, or ok false.
func activityColumns(header []document.Cell) (date, org, content int, ok bool) {
	date, org, content = -1, -1, -1
	for i, c := range header {
		t := strings.TrimSpace(c.Text)
		switch {
		case date < 0 && reColDate.MatchString(t) && len([]rune(t)) <= 6:
			date = i
		case content < 0 && strings.Contains(t, "内容"):
			content = i
		case org < 0 && reColOrg.MatchString(t):
			org = i // 工作单位 is who, 工作内容 what
		case content < 0 && reColContent.MatchString(t):
			content = i
		}
	}
	return date, org, content, date >= 0 && org >= 0 && content >= 0
}

// tableProse returns the paragraphs the activity tables of the document
// read as, in text order. A table without a header right after an
// activity table of as many columns goes on with it (a table cut by the
// page end), and so does its center.
func (st *state) tableProse() []rowProse {
	var out []rowProse
	var cols [3]int // date, center and content columns of the table going on
	ncols := 0
	prevEnd := -1 // end of the last activity table's block in Blocks
	center := ""  // the center cell in force
	for bi, b := range st.doc.Blocks {
		if b.Kind != document.Table || len(b.Rows) == 0 {
			continue
		}
		rows := b.Rows
		if d, o, c, ok := activityColumns(rows[0].Cells); ok && b.Header > 0 {
			cols, ncols = [3]int{d, o, c}, len(rows[0].Cells)
			rows = rows[b.Header:]
			center = ""
		} else if bi != prevEnd+1 || b.Header > 0 || len(rows[0].Cells) != ncols {
			continue
		}
		prevEnd = bi
		for _, r := range rows {
			cell := func(i int) (document.Cell, bool) {
				if i >= len(r.Cells) || strings.TrimSpace(r.Cells[i].Text) == "" {
					return document.Cell{}, false
				}
				return r.Cells[i], true
			}
			if c, ok := cell(cols[1]); ok && strings.TrimSpace(c.Text) != center {
				// a new center: its cell is merged down the rows that follow
				// until the next one
				center = strings.TrimSpace(c.Text)
				out = append(out, rowProse{para: document.Block{Kind: document.Paragraph, Span: c.Span, Page: r.Page}, story: true})
			}
			c, ok := cell(cols[2])
			if !ok {
				continue
			}
			rp := rowProse{para: document.Block{Kind: document.Paragraph, Span: c.Span, Page: r.Page}}
			if d, ok := cell(cols[0]); ok {
				rp.date = d.Span
			}
			out = append(out, rp)
		}
	}
	return out
}

// addTableProse adds the paragraphs of the activity tables to the body's,
// in text order, and notes which open a story and which a row's date
// opens.
func (st *state) addTableProse() {
	rps := st.tableProse()
	if len(rps) == 0 {
		return
	}
	st.tableStory = map[document.Span]bool{}
	st.tableDate = map[document.Span]document.Span{}
	for _, rp := range rps {
		st.paras = append(st.paras, rp.para)
		if rp.story {
			st.tableStory[rp.para.Span] = true
		} else {
			st.tableDate[rp.para.Span] = rp.date
		}
	}
	sort.SliceStable(st.paras, func(i, j int) bool { return st.paras[i].Span.Start < st.paras[j].Span.Start })
}

// rowDates returns the days the date cell of an activity table's row
// gives sentence sent of the row's content cell para: those of the cell,
// when no sentence of para up to sent names a day of its own.
func (st *state) rowDates(sent, para document.Span, year int) []string {
	lead, ok := st.tableDate[para]
	if !ok || lead.End <= lead.Start {
		return nil
	}
	for _, s := range st.sentences(para) {
		if s.Start > sent.Start {
			break
		}
		for _, dm := range cnparse.FindDates(st.doc.Slice(s), year) {
			if dm.Precision == cnparse.Day {
				return nil
			}
		}
	}
	var out []string
	for _, dm := range cnparse.FindDates(st.doc.Slice(lead), year) {
		if dm.Precision == cnparse.Day {
			out = append(out, dm.From.String())
		}
	}
	return out
}
