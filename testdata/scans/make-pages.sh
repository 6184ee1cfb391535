#!/usr/bin/env bash
# Makes the fixtures of pages without usable text, from the LibreOffice
# rendering of the Henan notice (needs poppler-utils and Ghostscript; the
# PDFs are committed):
#   .pasted.pdf   pages 1–2 as LibreOffice set them, pages 3–4 (the
#                 attachment tables) pasted as pictures: bilevel, 150 dpi;
#                 rewritten by pdftocairo as one ordinary PDF
#   .strips.pdf   every page a scan stored as strips of 32 rows, bilevel,
#                 drawn at 200 dpi and placed at 96 (a page of 17 × 24
#                 inches, as some book scanners store it)
#   .outline.pdf  every page with its glyphs drawn as outlines by Ghostscript
#                 (-dNoOutputFonts: no text at all, no image either)
set -euo pipefail
cd "$(dirname "$0")/../.."
src=testdata/pdf/000_51d78471b3c374dd.lo-text.pdf
out=testdata/scans/000_51d78471b3c374dd
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 150 -gray -png -f 3 -l 4 "$src" "$tmp/pic"
go run testdata/scans/strips2pdf.go 150 0 "$tmp"/pic-*.png > "$tmp/pics.pdf"
pdfseparate -f 1 -l 2 "$src" "$tmp/text-%d.pdf"
pdfunite "$tmp/text-1.pdf" "$tmp/text-2.pdf" "$tmp/pics.pdf" "$tmp/united.pdf"
pdftocairo -pdf "$tmp/united.pdf" "$out.pasted.pdf"
pdftoppm -r 200 -gray -png "$src" "$tmp/p"
go run testdata/scans/strips2pdf.go 96 32 "$tmp"/p-*.png > "$out.strips.pdf"
gs -q -dNOPAUSE -dBATCH -sDEVICE=pdfwrite -dNoOutputFonts -sOutputFile="$out.outline.pdf" "$src"
