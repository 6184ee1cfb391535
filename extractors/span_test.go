package extractors_test

import (
	"qcweave/document"
	"qcweave/record"
)

func spanOf(s record.Span) document.Span { return document.Span{Start: s[0], End: s[1]} }
