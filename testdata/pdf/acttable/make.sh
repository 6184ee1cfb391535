#!/usr/bin/env bash
# Writes the Hubei bulletin with its activities as a table (see README.md):
#   003_8bcd6cef6928f5fe.html           the page (go run ./testdata/pdf/acttable -html)
#   003_8bcd6cef6928f5fe.chromium.pdf   Chromium --print-to-pdf of it
#   003_8bcd6cef6928f5fe.lo.pdf         LibreOffice Writer from the same page without its style sheet
#   003_8bcd6cef6928f5fe.docx           LibreOffice's Word output of the same page (w:vMerge cells)
#   003_8bcd6cef6928f5fe.ofd            laid out by acttable: the center drawn on the first row of its span
#   003_8bcd6cef6928f5fe.centre.ofd     the same with the center centred down its span
# (apt-get install libreoffice-writer-nogui chromium fonts-noto-cjk)
# Run from the repository root: bash testdata/pdf/acttable/make.sh
set -euo pipefail
dir=testdata/pdf/acttable
seed=testdata/seeds/003_8bcd6cef6928f5fe.txt
name=$(basename "$seed" .txt)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go run ./$dir -html "$seed" > "$dir/$name.html"
chromium --headless --no-sandbox --disable-gpu --no-first-run --no-pdf-header-footer \
  --user-data-dir="$tmp/chrome" --print-to-pdf="$dir/$name.chromium.pdf" "file://$PWD/$dir/$name.html" >/dev/null 2>&1
go run ./$dir -html -plain "$seed" > "$tmp/$name.html"
(cd "$tmp" && soffice --headless -env:UserInstallation="file://$tmp/lo" --convert-to pdf:writer_pdf_Export "$name.html" >/dev/null 2>&1)
mv "$tmp/$name.pdf" "$dir/$name.lo.pdf"
(cd "$tmp" && soffice --headless -env:UserInstallation="file://$tmp/lo" --convert-to 'docx:MS Word 2007 XML' "$name.html" >/dev/null 2>&1)
mv "$tmp/$name.docx" "$dir/$name.docx"
go run ./$dir -ofd "$dir/$name.ofd" "$seed"
go run ./$dir -ofd "$dir/$name.centre.ofd" -centre "$seed"
ls -l "$dir"/*.pdf "$dir"/*.ofd "$dir"/*.docx
