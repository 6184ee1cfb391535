#!/usr/bin/env bash
# Makes the landscape scan fixture: the Henan notice printed by Chromium
# from the HTML of testdata/pdf/tohtml (bordered tables), its two
# attachment tables on landscape pages (a named CSS page), then scanned as
# an office scanner feeds every sheet: portrait, so a landscape page lies
# turned by 90°, each sheet a little askew (0.8° to 1.5°), at 150 dpi in
# grey, JPEG at quality 70, one image per page. Needs Go, Chromium
# (fonts-noto-cjk), poppler-utils and ImageMagick; the PDF is committed.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=testdata/scans/000_51d78471b3c374dd.landscape.pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./testdata/pdf/tohtml testdata/seeds/000_51d78471b3c374dd.txt |
  sed -e 's|</style>|@page { size: A4 portrait; margin: 1.5cm } @page land { size: A4 landscape; margin: 1.5cm } .land { page: land } body { margin: 0 } td:not(:last-child), th:not(:last-child) { white-space: nowrap }</style>|' \
      -e 's|<p>附件1</p>|<div class="land"><p>附件1</p>|' -e 's|</body>|</div></body>|' > "$tmp/notice.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/chrome" --no-pdf-header-footer \
  --print-to-pdf="$tmp/notice.pdf" "file://$tmp/notice.html" >/dev/null 2>&1
pdftoppm -r 150 -gray -png "$tmp/notice.pdf" "$tmp/p"
angles=(0.8 -1.2 1.5 -0.9 1.1 -1.4 0.9 -1.0)
i=0
for f in "$tmp"/p-*.png; do
  turn=""
  if [ "$(identify -format '%[fx:w>h]' "$f")" = 1 ]; then
    turn="-rotate 90" # a landscape sheet fed portrait
  fi
  convert "$f" $turn -background white -rotate "${angles[i % ${#angles[@]}]}" -flatten -colorspace Gray -quality 70 "${f%.png}.jpg"
  i=$((i + 1))
done
go run testdata/scans/jpegs2pdf.go 150 "$tmp"/p-*.jpg > "$out"
