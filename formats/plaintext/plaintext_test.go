package plaintext

import (
	"errors"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(s string) []byte {
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
	if err != nil {
		panic(err)
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name    string
		in      []byte
		want    string
		enc     string
		wantErr error
	}{
		{"utf8", []byte("河南省卫生健康委员会"), "河南省卫生健康委员会", "utf-8", nil},
		{"utf8 bom", append([]byte{0xEF, 0xBB, 0xBF}, "通报"...), "通报", "utf-8", nil},
		{"gbk", gbk("关于质控织网行动的通报"), "关于质控织网行动的通报", "gb18030", nil},
		{"utf16le", []byte{0xFF, 0xFE, 0x1A, 0x90, 0xA5, 0x62}, "通报", "utf-16", nil},
		{"crlf kept for Lines", []byte("a\r\nb"), "a\r\nb", "utf-8", nil},
		{"utf8 last character cut", []byte("质控通报\n中心")[:len("质控通报\n中心")-1], "质控通报\n中", "utf-8", nil},
		{"utf8 bom, last character cut to one byte", append([]byte{0xEF, 0xBB, 0xBF}, []byte("名单表")[:7]...), "名单", "utf-8", nil},
		{"gbk last character cut", gbk("关于质控织网行动的通报")[:21], "关于质控织网行动的通", "gb18030", nil},
		{"empty", []byte(""), "", "", ErrEmpty},
		{"spaces", []byte(" \n\t "), "", "", ErrEmpty},
		{"binary", []byte{0x00, 0x01, 0x02, 0xFF, 0x00}, "", "", ErrBinary},
		{"garbage", []byte{0x81, 0x30, 0xFF, 0xFE, 0x80, 0x80, 0xFF, 0xFF, 0x81}, "", "", ErrUndecodable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, enc, err := Decode(tt.in)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("Decode error = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || got != tt.want || enc != tt.enc {
				t.Fatalf("Decode = %q, %q, %v; want %q, %q", got, enc, err, tt.want, tt.enc)
			}
		})
	}
}

func TestLines(t *testing.T) {
	ls := Lines("第一行\r\n第二行\n\f第三页")
	if len(ls) != 4 {
		t.Fatalf("got %d lines: %+v", len(ls), ls)
	}
	if ls[0].Text != "第一行" || ls[1].Text != "第二行" || ls[1].Offset != 5 || ls[3].Text != "第三页" || ls[3].Page != 2 {
		t.Errorf("unexpected lines %+v", ls)
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte("河南省卫生健康委员会\r\n豫卫医函〔2025〕21号"))
	f.Add(gbk("关于质控织网行动的通报"))
	f.Add([]byte{0xFF, 0xFE, 0x1A, 0x90})
	f.Add([]byte{0x00, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		s, _, err := Decode(b)
		if err != nil {
			return
		}
		n := 0
		for _, l := range Lines(s) {
			if l.Offset < n {
				t.Fatalf("line offsets go back: %d < %d", l.Offset, n)
			}
			n = l.Offset
		}
	})
}
