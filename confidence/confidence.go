// Package confidence sets how sure qcweave is of each record and document
// field, after the extractors and the resolution of names: it starts from
// the extractor's own estimate (how specific the pattern that matched is)
// and adds the evidence an extractor cannot see from where it stands — do
// the names resolve to dictionary entries, does the record's name stand in
// its quote, does the document state the same fact twice, do a table and
// the prose agree, how well was the page read by OCR, does a finding
// dispute the record.
//
// Each piece of evidence moves the record's log-odds by a fixed weight;
// the weights are set so that records at a given confidence are right
// about that often on the dev set (make eval prints the reliability
// table). The pass is deterministic and touches nothing but Confidence
// and HostConfidence (and the confidence of document fields).
//
// It sits beside resolve: it may use the record types only.
package confidence

import (
	"math"
	"strings"

	"qcweave/record"
)

// Names tells whether the dictionaries know a name of a kind
// (record.NameSpecialty, record.NameRegion, record.NameInstitution).
type Names interface {
	Known(kind, name string) bool
}

// Defaults: the estimate taken for a record whose extractor gave none.
const (
	defaultRecord = 0.8
	defaultField  = 0.85
)

// Calibrate sets the confidence of every record, host list and document
// field of ex. names may be nil (no dictionary evidence).
func Calibrate(ex *record.Extraction, names Names) {
	c := newContext(ex, names)
	for i := range ex.Counts {
		x := &ex.Counts[i]
		x.Confidence = c.finish(&x.Evidence, c.count(x))
	}
	for i := range ex.Centers {
		x := &ex.Centers[i]
		x.Confidence = c.finish(&x.Evidence, c.center(x))
		if len(x.Institutions) > 0 {
			x.HostConfidence = round(sigmoid(c.host(x)))
		}
	}
	for i := range ex.Coverage {
		x := &ex.Coverage[i]
		x.Confidence = c.finish(&x.Evidence, c.coverage(x))
	}
	for i := range ex.Activities {
		x := &ex.Activities[i]
		x.Confidence = c.finish(&x.Evidence, c.activity(x))
	}
	c.fields(&ex.Document)
}

// context is what the pass knows about the whole extraction.
type context struct {
	ex    *record.Extraction
	names Names
	// disputes are the findings' refs with the weight of each.
	disputes []dispute
}

type dispute struct {
	span   record.Span
	weight float64
}

func newContext(ex *record.Extraction, names Names) *context {
	c := &context{ex: ex, names: names}
	for _, f := range ex.Findings {
		w := disputeWeight(f)
		if w == 0 {
			continue
		}
		for _, r := range f.Refs {
			c.disputes = append(c.disputes, dispute{r.Span, w})
		}
	}
	return c
}

// finish adds the evidence every record has (its quote's length, the OCR
// confidence of its page, the findings that dispute it) to the log-odds
// l and returns the confidence.
func (c *context) finish(e *record.Evidence, l float64) float64 {
	l += quoteLength(e.Quote)
	l += ocr(e.OCRConfidence)
	l += c.disputed(e.Span)
	return round(sigmoid(l))
}

// prior is the log-odds of the extractor's estimate (def when it gave
// none).
func prior(p, def float64) float64 {
	if p <= 0 {
		p = def
	}
	return logit(p)
}

func (c *context) known(kind, name string) bool {
	return c.names != nil && name != "" && c.names.Known(kind, name)
}

// round keeps three decimals, so that outputs stay short and stable.
func round(p float64) float64 { return math.Round(p*1000) / 1000 }

func sigmoid(l float64) float64 { return 1 / (1 + math.Exp(-l)) }

func logit(p float64) float64 {
	p = math.Min(math.Max(p, 0.001), 0.999)
	return math.Log(p / (1 - p))
}

// compact drops the spaces of s.
func compact(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u3000' || r == '\t' || r == '\n' {
			return -1
		}
		return r
	}, s)
}
