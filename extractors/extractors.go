// Package extractors turns a laid-out document into the records of the
// output contract: document metadata (GB/T 9704), counts of centers,
// centers from tables and text, coverage tables, dated activities and the
// findings a single document shows. The extractors are pure functions of
// the document and the dictionaries; they never touch a store.
package extractors

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"qcweave/cnparse"
	"qcweave/document"
	"qcweave/lexicon"
	"qcweave/record"
	"qcweave/segment"
)

// Version changes whenever the extractors' output for the same document
// changes, so that a store knows which documents to extract again.
const Version = "2025.12.26"

// Tools are the read-only dictionaries and segmenter the extractors use;
// one value is shared by all workers. The segmenter is built on first use:
// documents without activities never need it.
type Tools struct {
	Lex *lexicon.Lexicon

	segOnce sync.Once
	seg     *segment.Segmenter
	segErr  error
}

// NewTools loads the embedded dictionaries.
func NewTools() (*Tools, error) {
	lex, err := lexicon.Load()
	if err != nil {
		return nil, err
	}
	return &Tools{Lex: lex}, nil
}

// Segmenter returns the shared segmenter, building it once.
func (t *Tools) Segmenter() (*segment.Segmenter, error) {
	t.segOnce.Do(func() { t.seg, t.segErr = segment.New(t.Lex) })
	return t.seg, t.segErr
}

// state is what one extraction knows about its document so far.
type state struct {
	doc      *document.Document
	t        *Tools
	meta     record.Meta
	province string // province code, "" when unknown
	city     string // city code when the issuer or title is a city's, else ""
	county   string // county code when the issuer or title is a county's (…县), else ""
	// placedOnly is set when the province is only where the document's
	// cities or its site are (no text names it): the document is not a
	// province's, and a count of no written region is not the province's
	placedOnly bool
	// oneCity memoizes onlyCity
	oneCity *string
	year    int // the document's year, for dates written without one
	// month is the month 本月 means: the one a monthly bulletin covers,
	// or else the document's date's; zero when neither says
	month cnparse.Context
	// textYear is the year the body names most often (history years
	// aside), the last resort for dates without one
	textYear int
	// paras are the paragraphs of the body: every paragraph but page
	// furniture (breadcrumbs, bylines, contact lines, footers)
	paras    []document.Block
	mentions []centerMention
	// peopleBySpan memoizes people(): events share the spans they scan
	peopleBySpan map[document.Span][]string
	// paraYears memoizes the year a paragraph or sentence states (spanYear)
	paraYears map[document.Span]int
	// names memoizes centerNames; sents the sentences of a paragraph
	names map[string]string
	sents map[document.Span][]document.Span
	// deictic memoizes deicticAt by the pair of runes
	deictic map[[2]rune]bool
	// tableStory holds the center cells of activity tables (each opens a
	// story, see addTableProse); tableDate the content cells, each with
	// its row's date cell (empty: none)
	tableStory map[document.Span]bool
	tableDate  map[document.Span]document.Span
	// tooMany is set when an extractor stopped at MaxFacts
	tooMany bool
}

// MaxFacts bounds the facts (counts, centers, coverage rows, activities)
// of one document: a document with more is refused with ErrTooManyFacts,
// so that extracting and storing it stays within memory and time.
const MaxFacts = 100_000

// ErrTooManyFacts is returned for a document of more than MaxFacts facts.
var ErrTooManyFacts = errors.New("too many facts")

// overLimit returns ErrTooManyFacts when the extraction so far passed
// MaxFacts.
func (st *state) overLimit(ex *record.Extraction) error {
	if n := len(ex.Counts) + len(ex.Centers) + len(ex.Coverage) + len(ex.Activities); st.tooMany || n > MaxFacts {
		return fmt.Errorf("%s: %w (more than %d counts, centers, coverage rows and activities in one document)", st.doc.Path, ErrTooManyFacts, MaxFacts)
	}
	return nil
}

// Extract runs every extractor on doc.
func Extract(ctx context.Context, doc *document.Document, t *Tools) (ex *record.Extraction, err error) {
	defer func() {
		if r := recover(); r != nil {
			ex, err = nil, fmt.Errorf("extract %s: internal error: %v", doc.Path, r)
		}
	}()
	doc = correctOCRNames(doc, t.Lex)
	st := &state{doc: doc, t: t}
	ex = &record.Extraction{
		Source: record.Source{Path: doc.Path, SHA256: doc.SHA256, Format: doc.Format, Pages: doc.Pages, Engine: doc.Engine,
			Furniture: furniture(doc.Furniture), PageSizes: pageSizes(doc.PageSizes)},
	}
	st.meta = st.extractMeta()
	ex.Document = st.meta
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	st.addTableProse()
	st.mentions = st.findCenterMentions()
	ex.Centers = st.extractCenters()
	ex.Counts = st.extractCounts()
	if err := st.overLimit(ex); err != nil {
		return nil, err
	}
	ex.Coverage = st.extractCoverage()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	ex.Activities = st.extractActivities()
	if err := st.overLimit(ex); err != nil {
		return nil, err
	}
	ex.Findings = st.findings(ex)
	placeBoxes(doc, ex)
	ensureSlices(ex)
	return ex, nil
}

func ensureSlices(ex *record.Extraction) {
	if ex.Counts == nil {
		ex.Counts = []record.Count{}
	}
	if ex.Centers == nil {
		ex.Centers = []record.Center{}
	}
	if ex.Coverage == nil {
		ex.Coverage = []record.Coverage{}
	}
	if ex.Activities == nil {
		ex.Activities = []record.Activity{}
	}
	if ex.Findings == nil {
		ex.Findings = []record.Finding{}
	}
	if ex.Document.Attachments == nil {
		ex.Document.Attachments = []record.Attachment{}
	}
}

// sentences returns the sentences of a paragraph, split once.
func (st *state) sentences(p document.Span) []document.Span {
	if ss, ok := st.sents[p]; ok {
		return ss
	}
	if st.sents == nil {
		st.sents = map[document.Span][]document.Span{}
	}
	ss := st.doc.Sentences(p)
	st.sents[p] = ss
	return ss
}

// evidence returns the quote and span of a span of the document.
func (st *state) evidence(s document.Span) record.Evidence {
	page := st.doc.PageOf(s.Start)
	return record.Evidence{Quote: st.doc.Slice(s), Span: record.Span{s.Start, s.End}, Page: page, OCRConfidence: st.doc.ConfidenceOf(page)}
}

// placeBoxes gives every record the rectangles of its quote's span on the
// pages (an extractor may widen a record's quote after making its
// evidence: the final span counts).
func placeBoxes(doc *document.Document, ex *record.Extraction) {
	if len(doc.Runs) == 0 {
		return
	}
	place := func(e *record.Evidence) {
		bs := doc.Boxes(document.Span{Start: e.Span[0], End: e.Span[1]})
		e.Boxes = nil
		for _, b := range bs {
			e.Boxes = append(e.Boxes, record.Box(b))
		}
	}
	for i := range ex.Counts {
		place(&ex.Counts[i].Evidence)
	}
	for i := range ex.Centers {
		place(&ex.Centers[i].Evidence)
	}
	for i := range ex.Coverage {
		place(&ex.Coverage[i].Evidence)
	}
	for i := range ex.Activities {
		place(&ex.Activities[i].Evidence)
	}
}

// pageSizes converts the layout's page sizes into the record's.
func pageSizes(ps []document.PageSize) [][2]float64 {
	if len(ps) == 0 {
		return nil
	}
	out := make([][2]float64, len(ps))
	for i, p := range ps {
		out[i] = [2]float64{p.W, p.H}
	}
	return out
}

// furniture copies the layout's page furniture into the record.
func furniture(fs []document.Furniture) []record.Furniture {
	var out []record.Furniture
	for _, f := range fs {
		out = append(out, record.Furniture{Page: f.Page, Text: f.Text, Role: f.Role, Side: f.Side})
	}
	return out
}
