package store

import (
	"slices"
	"testing"
)

func TestSourceMapRoundTrip(t *testing.T) {
	for _, m := range [][]int32{
		nil,
		{0, 1, 2, 3},
		{5, 6, 7, 7, 9, 10, 2, 3},
		{0, 0, 0},
	} {
		got, err := DecodeSourceMap(encodeSourceMap(m))
		if err != nil || !slices.Equal(got, m) {
			t.Errorf("round trip of %v = %v, %v", m, got, err)
		}
	}
}
