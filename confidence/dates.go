package confidence

import (
	"fmt"
	"strconv"
	"time"

	"qcweave/record"
)

// validDate reports whether s is a real calendar date YYYY-MM-DD.
func validDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// DoubtfulDates returns a doubtful_date finding for each record date that
// cannot be right where it stands: a date no calendar has (a day 32, 2月30日),
// or, on a page read by OCR, a month outside the period of the document
// that one changed digit would put inside it (a 3 read as 8). Such a date
// is flagged, not trusted: the finding lowers the record's confidence.
func DoubtfulDates(ex *record.Extraction) []record.Finding {
	var out []record.Finding
	flag := func(date string, e record.Evidence, why string) {
		f := record.Finding{Kind: DoubtfulDate, Severity: record.Warning, Subject: date,
			Message: fmt.Sprintf("日期 %s %s", date, why),
			Refs:    []record.Ref{{Doc: ex.Source.SHA256, Quote: e.Quote, Span: e.Span}}}
		f.ID = record.FindingID(f)
		out = append(out, f)
	}
	check := func(d *string, e record.Evidence) {
		if d == nil || *d == "" {
			return
		}
		if !validDate(*d) {
			flag(*d, e, "不是有效日期")
			return
		}
		if e.OCRConfidence > 0 && misreadMonth(*d, ex.Document.Period) {
			flag(*d, e, "的月份不在文件期间内，且与期间内某月仅差一个数字（可能为识别错误）")
		}
	}
	for i := range ex.Activities {
		a := &ex.Activities[i]
		check(a.Start, a.Evidence)
		check(a.End, a.Evidence)
	}
	for i := range ex.Counts {
		check(ex.Counts[i].AsOf, ex.Counts[i].Evidence)
	}
	for i := range ex.Centers {
		check(ex.Centers[i].Established, ex.Centers[i].Evidence)
	}
	return out
}

// misreadMonth reports whether date (valid) lies outside p in a month of
// p's year that one changed, added or dropped digit would turn into a month
// inside p.
func misreadMonth(date string, p *record.Period) bool {
	if p == nil || !validDate(p.Start) || !validDate(p.End) || (p.Start <= date && date <= p.End) {
		return false
	}
	if date[:4] != p.Start[:4] || p.Start[:4] != p.End[:4] {
		return false
	}
	m, _ := strconv.Atoi(date[5:7])
	lo, _ := strconv.Atoi(p.Start[5:7])
	hi, _ := strconv.Atoi(p.End[5:7])
	for k := lo; k <= hi; k++ {
		if oneDigitApart(strconv.Itoa(m), strconv.Itoa(k)) {
			return true
		}
	}
	return false
}

// oneDigitApart reports whether a and b differ by one digit that OCR
// confuses with the other (3 and 8, 1 and 7, …), or by one added or
// dropped digit (1 and 11).
func oneDigitApart(a, b string) bool {
	if a == b {
		return false
	}
	if len(a) == len(b) {
		d, ok := 0, true
		for i := range a {
			if a[i] != b[i] {
				d++
				ok = ok && confusable(a[i], b[i])
			}
		}
		return d == 1 && ok
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) != 1 {
		return false
	}
	for i := 0; i <= len(a); i++ {
		if a[:i]+b[i:i+1]+a[i:] == b {
			return true
		}
	}
	return false
}

// confusedDigits are the pairs of digits OCR mistakes for each other.
var confusedDigits = []string{"08", "06", "09", "17", "14", "38", "39", "56", "58", "68", "89", "27"}

func confusable(x, y byte) bool {
	for _, p := range confusedDigits {
		if p[0] == x && p[1] == y || p[0] == y && p[1] == x {
			return true
		}
	}
	return false
}
