#!/usr/bin/env bash
# Makes the photocopy fixture: the Henan notice as LibreOffice renders it
# (testdata/pdf/…lo-text.pdf), drawn at 300 dpi in grey and made to look
# like a photocopy scanned again: grey paper (white printed as 78%),
# toner that prints black as a dark grey, specks of toner and grain
# (impulse and Gaussian noise, blurred a little), and a slight keystone
# (the top edge 1.5% narrower than the bottom, as a page lifted from the
# glass gives); JPEG at quality 30, one image per page at 300 dpi. Needs
# Go, poppler-utils and ImageMagick; the PDF is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=testdata/scans/000_51d78471b3c374dd.photocopy.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 300 -gray -png testdata/pdf/000_51d78471b3c374dd.lo-text.pdf "$tmp/p"
for f in "$tmp"/p-*.png; do
  w=$(identify -format '%w' "$f") h=$(identify -format '%h' "$f")
  d=$((w * 15 / 2000)) # each top corner moved in by 0.75% of the width
  convert "$f" -virtual-pixel white -distort Perspective "0,0 $d,$((d / 2))  $w,0 $((w - d)),$((d / 2))  0,$h 0,$h  $w,$h $w,$h" \
    +level 12%,78% -attenuate 0.1 +noise Gaussian -attenuate 0.04 +noise Impulse -blur 0x0.6 \
    -colorspace Gray -quality 30 "${f%.png}.jpg"
done
go run testdata/scans/jpegs2pdf.go 300 "$tmp"/p-*.jpg > "$out"
