#!/usr/bin/env bash
# Renders the sample notices to PDF through three producers, with CJK fonts
# (apt-get install libreoffice-writer-nogui chromium fonts-noto-cjk fonts-wqy-zenhei):
#   *.lo-text.pdf    LibreOffice Writer from the plain text (tab-aligned tables)
#   *.lo-table.pdf   LibreOffice Writer from HTML with real bordered tables
#   *.lo-middle.pdf  the same with narrow tables whose cells are centred vertically
#                    (long cells wrap; a row number sits between their lines)
#   *.chromium.pdf   Chromium --print-to-pdf from the same HTML (Type 3 fonts with ToUnicode)
#   columns/*.chromium-2col.pdf  the bulletin printed by Chromium in two columns
# and the other input formats under testdata/formats:
#   *.html           the page Chromium printed
#   *.docx           LibreOffice Writer's Word export of the bordered-table document
# Run from the repository root: bash testdata/pdf/make-fixtures.sh
set -euo pipefail
out=testdata/pdf
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for src in testdata/seeds/000_51d78471b3c374dd.txt testdata/seeds/003_8bcd6cef6928f5fe.txt; do
  name=$(basename "$src" .txt)
  cp "$src" "$tmp/$name.txt"
  soffice --headless --infilter="Text (encoded):UTF8,,," --convert-to pdf --outdir "$tmp" "$tmp/$name.txt" >/dev/null 2>&1
  mv "$tmp/$name.pdf" "$out/$name.lo-text.pdf"
  go run ./testdata/pdf/tohtml -plain "$src" > "$tmp/$name.plain.html"
  soffice --headless --convert-to odt:writer8 --outdir "$tmp" "$tmp/$name.plain.html" >/dev/null 2>&1
  mv "$tmp/$name.plain.odt" "$tmp/$name.odt"
  go run ./testdata/pdf/tohtml "$src" > "$tmp/$name.html"
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$name.odt" >/dev/null 2>&1
  mv "$tmp/$name.pdf" "$out/$name.lo-table.pdf"
  go run ./testdata/pdf/tohtml -plain -middle "$src" > "$tmp/$name.middle.html"
  soffice --headless --convert-to odt:writer8 --outdir "$tmp" "$tmp/$name.middle.html" >/dev/null 2>&1
  soffice --headless --convert-to pdf --outdir "$tmp" "$tmp/$name.middle.odt" >/dev/null 2>&1
  mv "$tmp/$name.middle.pdf" "$out/$name.lo-middle.pdf"
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$tmp/chrome" --no-pdf-header-footer \
    --print-to-pdf="$out/$name.chromium.pdf" "file://$tmp/$name.html" >/dev/null 2>&1
  cp "$tmp/$name.html" testdata/formats/"$name".html
  soffice --headless --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp" "$tmp/$name.odt" >/dev/null 2>&1
  mv "$tmp/$name.docx" testdata/formats/"$name".docx
done
# a browser print of the bulletin in two columns (CSS column-count: 2)
name=003_8bcd6cef6928f5fe
go run ./testdata/pdf/tohtml testdata/seeds/$name.txt | sed 's|</head>|<style>body{column-count:2;column-gap:2em}</style></head>|' > "$tmp/$name.2col.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$tmp/chrome2" --no-pdf-header-footer \
  --print-to-pdf="$out/columns/$name.chromium-2col.pdf" "file://$tmp/$name.2col.html" >/dev/null 2>&1
ls -l "$out"/*.pdf "$out"/columns/*.pdf testdata/formats/*
