// Package record defines the records qcweave extracts from a document, in
// the JSON shape of the output contract (CONTRACT.md): the document's
// metadata, counts, centers, coverage rows, activities and findings. Every
// record carries the quote and the rune span in the document's normalized
// text that support it.
package record

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Extraction is the result of `qcweave extract` for one file.
type Extraction struct {
	Source     Source     `json:"source"`
	Document   Meta       `json:"document"`
	Counts     []Count    `json:"counts"`
	Centers    []Center   `json:"centers"`
	Coverage   []Coverage `json:"coverage"`
	Activities []Activity `json:"activities"`
	Findings   []Finding  `json:"findings"`
	// References are the reference rows of the resolved names (not part
	// of the JSON); see the resolve package.
	References References `json:"-"`
	// Basis is what the checks of the document against itself read
	// beside its records (not part of the JSON; see package checks). The
	// store keeps it, so that the checks run again over the records as
	// reviewers corrected them; nil when unknown (a store written before).
	Basis *Basis `json:"-"`
}

// Basis is what a document's checks against itself know of it beside its
// records: the province whose totals are checked, how many cities it has
// (a coverage table of every city adds up to the province's total), and
// whether a list of centers is captioned as a selection (部分…名单,
// 第二批), whose rows are not expected to add up to a total.
type Basis struct {
	Province    string // province code, "" when unknown
	Cities      int    // the province's prefecture-level cities, from the dictionary
	PartialList bool
}

// Source describes the file a document came from.
type Source struct {
	Path     string `json:"path"`
	SHA256   string `json:"sha256"`
	Format   string `json:"format"`
	Pages    int    `json:"pages"`
	Engine   string `json:"engine,omitempty"`
	Encoding string `json:"encoding,omitempty"`
	// Furniture are the page numbers and running heads the layout kept
	// out of the text, with their pages.
	Furniture []Furniture `json:"furniture,omitempty"`
	// PageSizes are the width and height of each page in points, page 1
	// first, as a renderer draws it (PDF: the crop box, rotated as shown):
	// the pages the records' boxes are drawn on. Nil for formats without
	// pages.
	PageSizes [][2]float64 `json:"page_sizes,omitempty"`
}

// Furniture is a line of page furniture and the page it is on.
type Furniture struct {
	Page int    `json:"page"`
	Text string `json:"text"`
	// Role is 页码 for a page number; Side where it sits (left, right,
	// center), when the format has positions.
	Role string `json:"role,omitempty"`
	Side string `json:"side,omitempty"`
}

// Period is a date range, both ends inclusive (YYYY-MM-DD).
type Period struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// Attachment is one entry of a notice's 附件 list.
type Attachment struct {
	Seq   int    `json:"seq"`
	Title string `json:"title"`
}

// Meta is a document's metadata after GB/T 9704.
type Meta struct {
	Title        string       `json:"title"`
	Issuer       *string      `json:"issuer"`
	DocNumber    *string      `json:"doc_number"`
	Kind         *string      `json:"kind"`
	Date         *string      `json:"date"`
	Period       *Period      `json:"period"`
	Province     *string      `json:"province"`
	ProvinceCode string       `json:"province_code,omitempty"`
	Recipients   []string     `json:"recipients,omitempty"`
	Attachments  []Attachment `json:"attachments"`
	// Parts are the parts of a 公文 (GB/T 9704) the layout found by their
	// place, size and colour on the page, in reading order (see Part).
	Parts []Part `json:"parts,omitempty"`
	// Fields gives, for each field found (title, issuer, doc_number, kind,
	// date, period, province, attachments), its confidence, rule and
	// quote.
	Fields map[string]FieldEvidence `json:"fields,omitempty"`
}

// Part is a part of a 公文 after GB/T 9704: its role (版头, 发文字号, 签发人,
// 标题, 主送, 附件说明, 发文机关署名, 成文日期, 印章, 附注, 附件, 抄送, 印发, 印发机关,
// 印发日期, 页码), its text, its page (0 when the format has none) and its
// span in the normalized text (nil for a page number, which is page
// furniture kept out of the text). Side is where a page number sits on
// its page: left, right or center.
type Part struct {
	Role string `json:"role"`
	Text string `json:"text"`
	Page int    `json:"page,omitempty"`
	Span *Span  `json:"span,omitempty"`
	Side string `json:"side,omitempty"`
}

// Span is a half-open range of rune offsets into the normalized text.
type Span [2]int

// Box is a rectangle of a quote on its page: page (1-based), then x0, y0,
// x1, y1 in PDF points from the page's top-left corner.
type Box [5]float64

// Evidence is the quote and span that support a record, how sure the
// extraction is of the record and which rule made it.
type Evidence struct {
	Quote string `json:"quote"`
	Span  Span   `json:"span"`
	Page  int    `json:"page,omitempty"`
	// Boxes are the rectangles of the quote on its pages, where the
	// format has pages and positions.
	Boxes []Box `json:"boxes,omitempty"`
	// OCRConfidence is the OCR confidence (0..100) of the page the quote
	// is on, for a document read by OCR; 0 (left out) otherwise.
	OCRConfidence float64 `json:"ocr_confidence,omitempty"`
	// Confidence (0..1) is how likely the record is right, from its
	// evidence; Rule is a short stable name of what produced it.
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	// Corrected is true when a reviewer corrected the record; the record
	// then holds the corrected values and Correction says who, when and
	// why (the extracted values stay in the store).
	Corrected  bool        `json:"corrected,omitempty"`
	Correction *Correction `json:"correction,omitempty"`
}

// Correction says who corrected a record, when and why.
type Correction struct {
	By   string `json:"by"`
	At   string `json:"at"`
	Note string `json:"note"`
}

// FieldEvidence is the provenance of one field of a document's metadata.
type FieldEvidence struct {
	Confidence float64 `json:"confidence"`
	Rule       string  `json:"rule"`
	Quote      string  `json:"quote,omitempty"`
	Span       *Span   `json:"span,omitempty"`
}

// Count states that a region has some number of centers or organizations.
type Count struct {
	Region     string  `json:"region"`
	RegionFull *string `json:"region_full"`
	RegionCode *string `json:"region_code"`
	Level      *string `json:"level"`
	Subject    string  `json:"subject"`
	Value      int     `json:"value"`
	Qualifier  string  `json:"qualifier"`
	AsOf       *string `json:"as_of"`
	// Ranked is true for an item of a ranked list (濮阳68个、三门峡66个).
	Ranked bool `json:"ranked,omitempty"`
	// Total is true for a statement of the whole region (全省共组建…987个).
	Total bool `json:"total,omitempty"`
	Evidence
}

// Center is a quality-control center named by the document.
type Center struct {
	Name          string   `json:"name"`
	Aliases       []string `json:"aliases,omitempty"`
	Seq           *int     `json:"seq"`
	Level         *string  `json:"level"`
	Region        *string  `json:"region"`
	RegionCode    *string  `json:"region_code,omitempty"`
	Specialty     *string  `json:"specialty"`
	SpecialtyID   *string  `json:"specialty_id,omitempty"`
	SpecialtyFull *string  `json:"specialty_full,omitempty"`
	Institutions  []string `json:"institutions"`
	// HostConfidence and HostRule are the confidence and rule of
	// Institutions, when there are any.
	HostConfidence float64 `json:"host_confidence,omitempty"`
	HostRule       string  `json:"host_rule,omitempty"`
	Established    *string `json:"established"`
	Source         string  `json:"source"`
	// Parent is the center a branch (分中心) belongs to, as written
	Parent *string `json:"parent,omitempty"`
	Evidence
}

// Coverage is one region's row of a table of built and missing centers.
type Coverage struct {
	Region     string   `json:"region"`
	RegionFull *string  `json:"region_full,omitempty"`
	RegionCode *string  `json:"region_code,omitempty"`
	Level      *string  `json:"level"`
	Built      *int     `json:"built"`
	Missing    []string `json:"missing"`
	MissingIDs []string `json:"missing_ids,omitempty"`
	Evidence
}

// Activity is a dated event of a center.
type Activity struct {
	Center       string    `json:"center"`
	Start        *string   `json:"start"`
	End          *string   `json:"end"`
	Places       []string  `json:"places"`
	Kinds        []string  `json:"kinds"`
	People       []string  `json:"people"`
	Participants *Quantity `json:"participants"`
	Evidence
}

// Quantity is a head count with its qualifier (exact, more, about).
type Quantity struct {
	Value     int    `json:"value"`
	Qualifier string `json:"qualifier"`
}

// Ref points a finding to a document and the quote involved.
type Ref struct {
	Doc   string `json:"doc"`
	Quote string `json:"quote"`
	Span  Span   `json:"span"`
}

// Finding is a discrepancy or doubt.
type Finding struct {
	ID       string `json:"id,omitempty"`
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Refs     []Ref  `json:"refs"`
	// Subject names what the finding is about (a region, a date, a name),
	// for grouping and for tests.
	Subject string `json:"subject,omitempty"`
}

// Finding kinds of the contract.
const (
	TotalMismatch     = "total_mismatch"
	ValueConflict     = "value_conflict"
	DateOutsidePeriod = "date_outside_period"
	UnknownEntity     = "unknown_entity"
	BaselineMismatch  = "baseline_mismatch"
	CountDecreased    = "count_decreased"
	AttributeChanged  = "attribute_changed"
)

// Severities.
const (
	Error   = "error"
	Warning = "warning"
	Info    = "info"
)

// Str returns a pointer to s, or nil for "".
func Str(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// Int returns a pointer to n.
func Int(n int) *int { return &n }

// FindingID returns the stable id of a finding: a hash of its kind,
// subject and the documents and spans it refers to.
func FindingID(f Finding) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s|%s", f.Kind, f.Subject)
	for _, r := range f.Refs {
		fmt.Fprintf(h, "|%s:%d-%d", r.Doc, r.Span[0], r.Span[1])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// UnknownList returns one unknown_entity finding for the names of one kind
// that a document uses and the dictionaries lack (institutions, an open
// class, are listed together).
func UnknownList(what string, names []string, doc string, e Evidence) Finding {
	f := Finding{Kind: UnknownEntity, Severity: Info, Subject: what,
		Message: fmt.Sprintf("词典中没有以下%s（共%d个）：%s", what, len(names), strings.Join(names, "、")),
		Refs:    []Ref{{Doc: doc, Quote: e.Quote, Span: e.Span}}}
	f.ID = FindingID(f)
	return f
}

// Unplaced returns the unknown_entity finding for an institution's name
// that leaves out whose it is (市中心医院, 第三附属医院): no dictionary
// can resolve it, and an entry for it would be wrong elsewhere, so the
// finding says what the name lacks (lack: 所在的市, 所属的院校或地方),
// where the center it hosts is (place, when the text says) and, when the
// name only lacks that place, the name it likely stands for (guess).
func Unplaced(name, lack, place, guess, doc string, e Evidence) Finding {
	msg := fmt.Sprintf("机构“%s”没有写明%s，无法与词典对照", name, lack)
	switch {
	case guess != "":
		msg += fmt.Sprintf("；所挂靠的中心在%s，应是“%s”，请核对后更正记录", place, guess)
	case place != "":
		msg += fmt.Sprintf("；所挂靠的中心在%s，请据原文核对后更正记录", place)
	default:
		msg += "；请据原文核对后更正记录"
	}
	f := Finding{Kind: UnknownEntity, Severity: Info, Subject: name, Message: msg,
		Refs: []Ref{{Doc: doc, Quote: e.Quote, Span: e.Span}}}
	f.ID = FindingID(f)
	return f
}

// Unknown returns the unknown_entity finding for a name the dictionaries
// lack; what says what it is (专业, 机构, 地区).
func Unknown(what, name, doc string, e Evidence) Finding {
	f := Finding{Kind: UnknownEntity, Severity: Info, Subject: name,
		Message: fmt.Sprintf("词典中没有%s“%s”", what, name),
		Refs:    []Ref{{Doc: doc, Quote: e.Quote, Span: e.Span}}}
	f.ID = FindingID(f)
	return f
}
