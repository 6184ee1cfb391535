// Package document is qcweave's model of a loaded document: its normalized
// text, the blocks (paragraphs and tables) laid out in reading order, and a
// map from every rune of the normalized text back to the source. Every
// position is a rune offset into Document.Text, half-open [Start, End).
package document

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// Span is a half-open range [Start, End) of rune offsets into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of runes in the span.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether t lies within s.
func (s Span) Contains(t Span) bool { return t.Start >= s.Start && t.End <= s.End }

// BlockKind tells paragraphs from tables.
type BlockKind int

// Block kinds.
const (
	Paragraph BlockKind = iota
	Table
)

// String returns the kind's name.
func (k BlockKind) String() string {
	if k == Table {
		return "table"
	}
	return "paragraph"
}

// Block is a paragraph (one line of Text) or a table (one line per row,
// cells separated by a tab).
type Block struct {
	Kind BlockKind
	Span Span
	Page int   // 1-based page of the block's first line; 0 when unknown
	Rows []Row // table rows, header first; nil for paragraphs
	// Header is the number of leading rows of Rows that are column headers.
	Header int
	// Role is the part of a 公文 (GB/T 9704) the block is, found by its
	// place, size and colour on the page: one of the Role constants, or ""
	// for none.
	Role string
}

// The parts of a 公文 (GB/T 9704) a block can be.
const (
	RoleBanner     = "版头"     // the issuing organ's mark, red and large at the head of page 1
	RoleDocNumber  = "发文字号"   // between the banner and the title
	RoleTitle      = "标题"     // larger than the body, after the banner
	RoleSigner     = "发文机关署名" // the organ's name above the date that closes the main text
	RoleDate       = "成文日期"   // the date alone on its line under the signature
	RoleSignee     = "签发人"    // who signed off, right of the 发文字号 on its line
	RoleAddressee  = "主送"     // the 主送机关: the organs addressed, after the title
	RoleAttachNote = "附件说明"   // the list of attachments between the body and the signature
	RoleSeal       = "印章"     // red marks (or a picture) over the signature
	RoleNote       = "附注"     // the parenthesised note under the date
	RoleAnnex      = "附件"     // the head of an attachment after the body (附件1)
	RoleCopyTo     = "抄送"     // the organs copied, in the 版记 at the end
	RolePrinter    = "印发机关"   // the office that printed the document, in the 版记
	RolePrintDate  = "印发日期"   // the date it was printed, in the 版记
	RolePrinted    = "印发"     // the 版记's line of the 印发机关 and 印发日期
	RolePageNumber = "页码"     // a page number (— N —), with the side it sits on
)

// InBanji reports whether a role is a part of the 版记 (抄送, 印发), the
// lines at the end of a 公文 that state no facts.
func InBanji(role string) bool {
	return role == RoleCopyTo || role == RolePrinted || role == RolePrinter || role == RolePrintDate
}

// Part is a part of a 公文 the layout found: a block, a cell or a piece of
// a line, with its role, page and span (RolePageNumber parts are page
// furniture: their span is empty, their text is Text).
type Part struct {
	Role string
	Span Span
	Page int
	Text string
	// Side is where a page number sits: "left", "right" or "center";
	// "" for other parts or when the format has no positions.
	Side string
}

// Row is one table row.
type Row struct {
	Span  Span
	Cells []Cell
	Page  int
}

// Cell is one table cell.
type Cell struct {
	Text string
	Span Span
}

// Document is a loaded document after layout.
type Document struct {
	Path   string
	SHA256 string
	Format string // pdf, txt, docx, xlsx, html
	Pages  int
	Engine string // what produced the text (e.g. "text", "qcweave-pdf", "ocr")
	// Confidence is, for a document read by OCR, each page's mean word
	// confidence (0..100), page 1 first; nil otherwise.
	Confidence []float64
	// Furniture is what the pages carry around the body (page numbers,
	// running heads), kept out of Text, with its page.
	Furniture []Furniture
	// Parts are the parts of a 公文 (GB/T 9704) the layout found, in
	// reading order: blocks with a role, and the pieces within them (the
	// 签发人 beside the 发文字号, the 印发机关 and 印发日期 of one line).
	Parts  []Part
	Text   string // normalized text
	Blocks []Block
	// Source maps each rune of Text to the rune offset in the decoded source
	// text it came from; len(Source) == number of runes in Text.
	Source []int32
	// Runs place the decoded source on the pages (see Run), in ascending
	// source order; nil for formats without pages. Boxes maps a span
	// through Source and Runs to rectangles.
	Runs []Run
	// PageSizes are the sizes of the pages in points, page 1 first; nil
	// when the format has no pages.
	PageSizes []PageSize

	runes   []rune
	byteOff []int32 // byte offset in Text of every checkpointRunes-th rune
	valid   int8    // Text is valid UTF-8: 0 not known yet, 1 yes, -1 no
}

func (d *Document) validText() bool {
	if d.valid == 0 {
		d.valid = -1
		if utf8.ValidString(d.Text) {
			d.valid = 1
		}
	}
	return d.valid > 0
}

// Furniture is a line of page furniture: a page number or a running head.
type Furniture struct {
	Page int
	Text string
	// Role is RolePageNumber for a page number, "" for a running head;
	// Side where a page number sits (left, right, center), when known.
	Role, Side string
}

// Runes returns Text as runes (cached).
func (d *Document) Runes() []rune {
	if d.runes == nil {
		d.runes = []rune(d.Text)
	}
	return d.runes
}

// Slice returns the text of a span, clamped to the document.
func (d *Document) Slice(s Span) string {
	r := d.Runes()
	if s.Start < 0 {
		s.Start = 0
	}
	if s.End > len(r) {
		s.End = len(r)
	}
	if s.Start >= s.End {
		return ""
	}
	if !d.validText() {
		return string(r[s.Start:s.End]) // an invalid byte reads as U+FFFD, as in Runes
	}
	return d.Text[d.byteOffset(s.Start):d.byteOffset(s.End)] // shares Text's bytes
}

// checkpointRunes is how many runes apart the byte offsets of Text are
// kept: a sixty-fourth of Runes' memory, and at most that many runes
// decoded to find an offset.
const checkpointRunes = 64

// byteOffset returns the byte offset in Text of rune i (0 <= i <= the
// number of runes; Text valid UTF-8).
func (d *Document) byteOffset(i int) int {
	if d.byteOff == nil {
		d.byteOff = make([]int32, 0, len(d.Runes())/checkpointRunes+1)
		n := 0
		for b := range d.Text {
			if n%checkpointRunes == 0 {
				d.byteOff = append(d.byteOff, int32(b))
			}
			n++
		}
	}
	k := i / checkpointRunes
	if k >= len(d.byteOff) { // i is the end of the text
		return len(d.Text)
	}
	b := int(d.byteOff[k])
	for range i % checkpointRunes {
		_, w := utf8.DecodeRuneInString(d.Text[b:])
		b += w
	}
	return b
}

// SourceSpan maps a span of Text to the span of the decoded source it came
// from.
func (d *Document) SourceSpan(s Span) Span {
	if len(d.Source) == 0 || s.Start >= s.End || s.Start < 0 || s.End > len(d.Source) {
		return Span{}
	}
	return Span{Start: int(d.Source[s.Start]), End: int(d.Source[s.End-1]) + 1}
}

// WithText returns a copy of d whose Text is text and whose Blocks are
// blocks: a correction that changes characters one for one (an OCR
// misread), so that spans, Source and Runs stay valid. d is unchanged.
func (d *Document) WithText(text string, blocks []Block) *Document {
	c := *d
	c.Text, c.Blocks = text, blocks
	c.runes, c.byteOff, c.valid = nil, nil, 0
	return &c
}

// ConfidenceOf returns the OCR confidence of a page, or 0 when the page
// was not read by OCR.
func (d *Document) ConfidenceOf(page int) float64 {
	if page < 1 || page > len(d.Confidence) {
		return 0
	}
	return d.Confidence[page-1]
}

// PageOf returns the page of the block containing offset, or 0. Blocks
// and the rows of a table are in text order: both are searched by halves.
func (d *Document) PageOf(offset int) int {
	i := sort.Search(len(d.Blocks), func(i int) bool { return d.Blocks[i].Span.End > offset })
	if i == len(d.Blocks) || offset < d.Blocks[i].Span.Start {
		return 0
	}
	b := d.Blocks[i]
	rows := b.Rows
	if j := sort.Search(len(rows), func(j int) bool { return rows[j].Span.End > offset }); j < len(rows) &&
		offset >= rows[j].Span.Start && rows[j].Page > 0 {
		return rows[j].Page
	}
	return b.Page
}

// Paragraphs returns the paragraph blocks in order.
func (d *Document) Paragraphs() []Block {
	var out []Block
	for _, b := range d.Blocks {
		if b.Kind == Paragraph {
			out = append(out, b)
		}
	}
	return out
}

// Tables returns the table blocks in order.
func (d *Document) Tables() []Block {
	var out []Block
	for _, b := range d.Blocks {
		if b.Kind == Table {
			out = append(out, b)
		}
	}
	return out
}

// Sentences splits a span of the text into sentences ending with 。！？；
// (or the end of the span), each trimmed of surrounding space.
func (d *Document) Sentences(s Span) []Span {
	return d.Split(s, "。！？；!?;")
}

// Split splits a span after each rune of ends that is not inside brackets
// or quotes (and at line ends), trimming space around the pieces.
func (d *Document) Split(s Span, ends string) []Span {
	r := d.Runes()
	var out []Span
	start := s.Start
	emit := func(end int) {
		a, b := start, end
		for a < b && isSpace(r[a]) {
			a++
		}
		for b > a && isSpace(r[b-1]) {
			b--
		}
		if b > a {
			out = append(out, Span{a, b})
		}
	}
	depth := 0
	for i := s.Start; i < s.End && i < len(r); i++ {
		switch r[i] {
		case '“', '《', '（':
			depth++
		case '”', '》', '）':
			if depth > 0 {
				depth--
			}
		case '\n':
			emit(i + 1)
			start = i + 1
			depth = 0
		default:
			if depth == 0 && strings.ContainsRune(ends, r[i]) {
				emit(i + 1)
				start = i + 1
			}
		}
	}
	emit(min(s.End, len(r)))
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\u3000' }

// TrimQuote removes trailing sentence punctuation from a quote.
func TrimQuote(s string) string {
	return strings.TrimRight(s, "。；;，,、 \t")
}
