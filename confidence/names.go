package confidence

import (
	"regexp"
	"strings"
)

// reCenterWord matches the ways of writing "quality-control center".
var reCenterWord = regexp.MustCompile(`(?:医疗)?(?:质量管理与控制|质量控制(?:和|与)?(?:改进|评价)?|质控(?:和|与)?(?:改进|评价)?)中心`)

// reNoise matches words a name may carry or leave out (专业, 医疗, 诊疗)
// and bracketed text.
var reNoise = regexp.MustCompile(`专业|医疗|诊疗|（[^（）]*）|\([^()]*\)`)

// centerToken stands for any way of writing "quality-control center".
const centerToken = "\ue000"

// normName is a center's name reduced to what tells it apart.
func normName(s string) string {
	s = compact(s)
	s = reCenterWord.ReplaceAllString(s, centerToken)
	return reNoise.ReplaceAllString(s, "")
}

// reLeadRegion matches the region a center's name starts with (the
// shortest candidate; leadRegion prefers the longest the dictionaries know).
var reLeadRegion = regexp.MustCompile(`^\p{Han}{1,8}?(?:自治区|自治州|特别行政区|[省市县区州盟旗])`)

// leadRegion returns the region a name starts with: the longest prefix
// ending in a region suffix that the dictionaries know (永州市, not 永州),
// else the shortest prefix ending in one.
func (c *context) leadRegion(n string) string {
	r := []rune(n)
	for k := min(len(r)-1, 9); k >= 2; k-- {
		if strings.ContainsRune("省市县区州盟旗", r[k-1]) && c.known("region", string(r[:k])) {
			return string(r[:k])
		}
	}
	return reLeadRegion.FindString(n)
}

// nameIn reports whether a quote names the center name: the whole name,
// or the name without its leading region where the quote puts no other
// region right before it (省肾病质控中心 names 湖北省肾病质控中心;
// 紫阳县超声质控中心 does not name 陕西省超声质控中心).
func (c *context) nameIn(name, quote string) bool {
	n, q := normName(name), normName(quote)
	if n == "" {
		return false
	}
	if strings.Contains(q, n) {
		return true
	}
	lead := c.leadRegion(n)
	rest := strings.TrimPrefix(n, lead)
	if lead == "" || len([]rune(rest)) < 3 {
		return false
	}
	for from := 0; ; {
		i := strings.Index(q[from:], rest)
		if i < 0 {
			return false
		}
		i += from
		if !c.otherRegionBefore(q[:i], lead) {
			return true
		}
		from = i + len(rest)
	}
}

// otherRegionBefore reports whether before ends with the name of a region
// other than lead (2 to 6 characters ending in a region suffix that the
// dictionaries know, or that is not part of lead).
func (c *context) otherRegionBefore(before, lead string) bool {
	r := []rune(before)
	if len(r) == 0 || !strings.ContainsRune("省市县区州盟旗", r[len(r)-1]) {
		return false
	}
	for n := 6; n >= 2; n-- {
		if n > len(r) {
			continue
		}
		w := string(r[len(r)-n:])
		if strings.HasSuffix(lead, w) || strings.HasSuffix(w, lead) {
			return false
		}
		if c.known("region", w) {
			return true
		}
	}
	return false
}

// quoteNames is the evidence of a quote about a record's center: it names
// the center, names another center and not this one (the record took its
// center from elsewhere, wrongly), or names none.
func (c *context) quoteNames(name, quote string) float64 {
	switch {
	case c.nameIn(name, quote):
		return wNameInQuote
	case strings.Contains(normName(quote), centerToken):
		return wOtherCenter
	}
	return wNameNotInQuote
}

// fullName reports whether name is a full proper name as the quote writes
// it: a region the dictionaries know, then the rest, found whole in the
// quote.
func (c *context) fullName(name, quote string) bool {
	n := normName(name)
	lead := c.leadRegion(n)
	return lead != "" && c.known("region", lead) && strings.HasSuffix(n, centerToken) && strings.Contains(normName(quote), n)
}

// sameCenter reports whether a is the center name or one of its aliases.
func sameCenter(a, name string, aliases []string) bool {
	x := normName(a)
	if x == "" {
		return false
	}
	if x == normName(name) {
		return true
	}
	for _, al := range aliases {
		if x == normName(al) {
			return true
		}
	}
	return false
}
