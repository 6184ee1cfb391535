package confidence

import (
	"unicode/utf8"

	"qcweave/record"
)

// Learned returns the log-odds a record gains when a name of kind
// (record.NameSpecialty, record.NameRegion, record.NameInstitution) that
// the dictionaries did not know when the record was calibrated becomes
// known — a user dictionary entry added after the document was stored:
// the weight of a known name less the weight the unknown one had. A
// center's specialty and a count's or coverage row's region move the
// record; an institution moves its center's hosts.
func Learned(kind, name string) float64 {
	switch kind {
	case record.NameSpecialty:
		was := wSpecialtyUnknown
		if reOddSpecialty.MatchString(name) || utf8.RuneCountInString(name) > maxSpecialty {
			was = wSpecialtyOdd
		}
		return wSpecialtyKnown - was
	case record.NameRegion:
		return wRegionKnown - wRegionUnknown
	case record.NameInstitution:
		if reGenericInstitution.MatchString(name) {
			return 0 // a word for an institution gains nothing by a name
		}
		return wInstKnown - wInstUnknown
	}
	return 0
}
