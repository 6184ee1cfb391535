// Command tohtml writes a sample notice as HTML — paragraphs as <p>,
// tables as bordered <table>s — for rendering the PDF fixtures with
// LibreOffice and Chromium (see ../make-fixtures.sh).
//
//	go run ./testdata/pdf/tohtml [-plain] [-middle] NOTICE.txt > NOTICE.html
//
// -plain leaves out the style sheet and starts with an empty paragraph:
// LibreOffice's HTML import keeps the tables' border attributes only
// without CSS, and drops the first paragraph of a body.
package main

import (
	"flag"
	"fmt"
	"html"
	"os"
	"strings"

	"qcweave/document"
	"qcweave/formats/plaintext"
	"qcweave/layout"
)

func main() {
	plain := flag.Bool("plain", false, "no style sheet (for LibreOffice)")
	middle := flag.Bool("middle", false, "cells centred vertically in narrow tables, so that long cells wrap and short ones sit between their lines")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: tohtml [-plain] NOTICE.txt > NOTICE.html")
		os.Exit(2)
	}
	b, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fmt.Fprintln(os.Stderr, "tohtml:", err)
		os.Exit(1)
	}
	text, _, err := plaintext.Decode(b)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tohtml:", err)
		os.Exit(1)
	}
	doc := layout.Build(plaintext.Lines(text))
	if *plain {
		fmt.Print("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"></head><body><p>&nbsp;</p>\n")
	} else {
		fmt.Print(`<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei", serif; font-size: 14pt; line-height: 1.6; margin: 2cm; }
table { border-collapse: collapse; width: 100%; margin: 1em 0; }
th, td { border: 1px solid #000; padding: 3px 5px; vertical-align: top; font-size: 11pt; }
</style></head><body>
`)
	}
	for i, bl := range doc.Blocks {
		switch bl.Kind {
		case document.Table:
			if *middle {
				fmt.Println(`<table border="1" cellspacing="0" cellpadding="4" width="55%">`)
			} else {
				fmt.Println(`<table border="1" cellspacing="0" cellpadding="4" width="100%">`)
			}
			for ri, row := range bl.Rows {
				tag := "td"
				if ri < bl.Header {
					tag = "th"
				}
				fmt.Print("<tr>")
				for _, c := range row.Cells {
					if *middle {
						fmt.Printf(`<%s valign="middle">%s</%s>`, tag, html.EscapeString(c.Text), tag)
					} else {
						fmt.Printf("<%s>%s</%s>", tag, html.EscapeString(c.Text), tag)
					}
				}
				fmt.Println("</tr>")
			}
			fmt.Println("</table>")
		default:
			t := html.EscapeString(doc.Slice(bl.Span))
			if i < 3 && len([]rune(t)) < 40 && !strings.HasSuffix(t, "：") {
				fmt.Printf("<p align=\"center\"><font size=\"5\">%s</font></p>\n", t)
			} else {
				fmt.Printf("<p>%s</p>\n", t)
			}
		}
	}
	fmt.Println("</body></html>")
}
