#!/usr/bin/env bash
# Prints the pages of this folder as other producers do (see README.md):
#   centred.lo.pdf        LibreOffice Writer from centred.html
#   header.lo.pdf         LibreOffice Writer from header.html
#   ruled.chromium.pdf    Chromium --print-to-pdf from ruled.html
#   gongwen.chromium.pdf  Chromium --print-to-pdf from gongwen.html
# and the Henan notice laid out as a 公文 (GB/T 9704) by gongwen/main.go:
#   000_51d78471b3c374dd.gongwen.html          the page Chromium prints
#   000_51d78471b3c374dd.gongwen.chromium.pdf  Chromium --print-to-pdf from it
#   000_51d78471b3c374dd.gongwen.docx          the Word document gongwen/main.go writes
#   000_51d78471b3c374dd.gongwen.lo.pdf        LibreOffice Writer's PDF of that DOCX
#   000_51d78471b3c374dd.gongwen.json          the seed's key with the 成文日期 added
# (apt-get install libreoffice-writer-nogui chromium fonts-noto-cjk)
# Run from the repository root: bash testdata/pdf/render/make.sh
set -euo pipefail
dir=testdata/pdf/render
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for name in centred header; do
  cp "$dir/$name.html" "$tmp/"
  (cd "$tmp" && soffice --headless -env:UserInstallation="file://$tmp/lo" --convert-to pdf:writer_pdf_Export $name.html >/dev/null 2>&1)
  mv "$tmp/$name.pdf" "$dir/$name.lo.pdf"
done
chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$tmp/chrome" --print-to-pdf="$dir/ruled.chromium.pdf" "file://$PWD/$dir/ruled.html" >/dev/null 2>&1
chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$tmp/chrome" --print-to-pdf="$dir/gongwen.chromium.pdf" "file://$PWD/$dir/gongwen.html" >/dev/null 2>&1
seed=000_51d78471b3c374dd
go run ./$dir/gongwen testdata/seeds/$seed.txt testdata/gold/$seed.json "$dir/$seed.gongwen"
chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$tmp/chrome" --print-to-pdf="$dir/$seed.gongwen.chromium.pdf" "file://$PWD/$dir/$seed.gongwen.html" >/dev/null 2>&1
cp "$dir/$seed.gongwen.docx" "$tmp/"
soffice --headless -env:UserInstallation="file://$tmp/lo" --convert-to pdf:writer_pdf_Export --outdir "$tmp" "$tmp/$seed.gongwen.docx" >/dev/null 2>&1
mv "$tmp/$seed.gongwen.pdf" "$dir/$seed.gongwen.lo.pdf"
ls -l "$dir"/*.pdf "$dir"/*.docx
