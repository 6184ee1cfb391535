#!/usr/bin/env bash
# Makes the noisy scan fixture: the Henan notice as LibreOffice renders it,
# rasterized at 200 dpi in grey, turned by 1.2°, with Gaussian noise and
# JPEG at quality 60, one image per page (as a cheap office scanner gives
# it). Needs poppler-utils and ImageMagick; the PDF is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pdftoppm -r 200 -gray -png testdata/pdf/000_51d78471b3c374dd.lo-text.pdf "$tmp/p"
for f in "$tmp"/p-*.png; do
  convert "$f" -background white -rotate 1.2 -flatten -attenuate 0.6 +noise Gaussian -colorspace Gray -quality 60 "${f%.png}.jpg"
done
go run testdata/scans/jpegs2pdf.go 200 "$tmp"/p-*.jpg > testdata/scans/000_51d78471b3c374dd.noisy.pdf
