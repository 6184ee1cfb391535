#!/bin/sh
# Makes footers.docx: LibreOffice converts footers.fodt (invented content:
# a running head, and odd and even footers with a page field, right- and
# left-aligned) to Word's format, as a producer other than Word writes
# headers, footers and page fields (w:evenAndOddHeaders, fldChar, w:jc
# start/end).
set -e
cd "$(dirname "$0")"
soffice --headless --convert-to docx footers.fodt >/dev/null
