#!/usr/bin/env bash
# Prints the two pages of this folder as other producers do (see README.md):
#   centred.lo.pdf        LibreOffice Writer from centred.html
#   header.lo.pdf         LibreOffice Writer from header.html
#   ruled.chromium.pdf    Chromium --print-to-pdf from ruled.html
#   gongwen.chromium.pdf  Chromium --print-to-pdf from gongwen.html
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
ls -l "$dir"/*.pdf
