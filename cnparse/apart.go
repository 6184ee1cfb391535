package cnparse

// OneCharApart reports whether a and b have as many characters and differ
// in exactly one of them, as a name misread by one character (OCR's 成宁
// for 咸宁) differs from the name.
func OneCharApart(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) != len(y) {
		return false
	}
	d := 0
	for i := range x {
		if x[i] != y[i] {
			d++
		}
	}
	return d == 1
}
