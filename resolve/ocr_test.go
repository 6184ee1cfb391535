package resolve_test

import (
	"testing"

	"qcweave/record"
	"qcweave/resolve"
)

// A region name read by OCR one character away from exactly one region of
// the document's province is corrected to it, the name as read kept; the
// same name in a text not read by OCR, or in a document of no province
// (成宁市 is as near 南宁市 and 济宁市), is left alone.
func TestOCRRegionCorrection(t *testing.T) {
	ocr := record.Evidence{Quote: "q", Span: record.Span{0, 1}, OCRConfidence: 72}
	plain := record.Evidence{Quote: "q", Span: record.Span{0, 1}}
	ex := &record.Extraction{
		Document: record.Meta{Province: ptr("湖北省"), ProvinceCode: "420000"},
		Counts: []record.Count{
			{Region: "成宁市", Value: 8, Evidence: ocr},   // 咸 read as 成
			{Region: "成宁市", Value: 9, Evidence: plain}, // typed so: not corrected
		},
		Centers: []record.Center{{Name: "成宁市护理质控中心", Region: ptr("成宁市"), Evidence: ocr}},
	}
	resolve.New(lex(t)).Resolve(ex)
	c := ex.Counts[0]
	if c.Region != "成宁市" || c.RegionFull == nil || *c.RegionFull != "咸宁市" || c.RegionCode == nil {
		t.Errorf("OCR count: region %q, full %v, code %v; want 成宁市 kept and 咸宁市 with its code", c.Region, c.RegionFull, c.RegionCode)
	}
	if ex.Counts[1].RegionCode != nil {
		t.Errorf("corrected a name not read by OCR (%v)", *ex.Counts[1].RegionCode)
	}
	nowhere := &record.Extraction{Counts: []record.Count{{Region: "成宁市", Value: 8, Evidence: ocr}}}
	resolve.New(lex(t)).Resolve(nowhere)
	if nowhere.Counts[0].RegionCode != nil {
		t.Errorf("corrected 成宁市 in a document of no province to %v", *nowhere.Counts[0].RegionCode)
	}
	ce := ex.Centers[0]
	if ce.RegionCode == nil || len(ce.Aliases) != 1 || ce.Aliases[0] != "咸宁市护理质控中心" || ce.Name != "成宁市护理质控中心" {
		t.Errorf("OCR center: code %v, aliases %v, name %s", ce.RegionCode, ce.Aliases, ce.Name)
	}
	// the correction is weighed: the corrected count is less sure than
	// the same count read right
	right := &record.Extraction{Counts: []record.Count{{Region: "咸宁市", RegionCode: c.RegionCode, Value: 8, Evidence: ocr}}}
	resolve.New(lex(t)).Resolve(right)
	if !(c.Confidence < right.Counts[0].Confidence) {
		t.Errorf("corrected count %v, read right %v: want the corrected one lower", c.Confidence, right.Counts[0].Confidence)
	}
}
