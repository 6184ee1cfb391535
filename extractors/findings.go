package extractors

import (
	"regexp"

	"qcweave/checks"
	"qcweave/record"
)

// findings checks a document against itself (package checks, which
// reconcile runs again over the records as reviewers corrected them): it
// sets the extraction's Basis, what the checks read beside the records.
func (st *state) findings(ex *record.Extraction) []record.Finding {
	b := &record.Basis{Province: st.province, PartialList: st.partialList()}
	if st.province != "" {
		b.Cities = st.t.Lex.Regions.CityCount(st.province)
	}
	ex.Basis = b
	return checks.Document(ex)
}

// rePartialList matches captions of lists that are not the whole set: a
// selection, a batch, the new ones.
var rePartialList = regexp.MustCompile(`部分|节选|第[一二三四五六七八九十\d]+批|新增|新设|新成立|拟`)

// partialList reports whether a center table is captioned as a selection
// (部分…名单), so that its rows are not expected to add up to a total.
func (st *state) partialList() bool {
	for _, tb := range st.doc.Tables() {
		if rePartialList.MatchString(st.tableContext(tb)) {
			return true
		}
	}
	return false
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
