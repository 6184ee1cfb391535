#!/usr/bin/env bash
# Makes tabtable.pdf: a table of invented words aligned by tabs (no rules),
# as LibreOffice sets a plain text with tabs at its default tab stops —
# a header cell wider than its column pushes the next one to a later tab
# stop, three-character names run up to the next column, a long cell
# wraps to the margin and the header is repeated — pasted as a picture:
# bilevel, 150 dpi (needs LibreOffice and poppler-utils; the PDF is
# committed).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%s\n' \
	'各县组建专业质控组情况' '' \
	$'序号\t县区\t已建数量\t尚缺的专业' \
	$'1\t东城\t21\t眼科、口腔科、病理科、儿科、急诊科、麻醉科、康复科、临床营养、医院感染管理、护理管理、药事管理' \
	$'2\t西山\t18\t骨科、儿科、临床检验' \
	$'3\t南河口\t25\t眼科、急诊科' \
	$'4\t北湖\t19\t口腔科、病理科、儿科、急诊科、麻醉科、康复科、核医学、超声医学、放射影像、临床用血、门诊管理' \
	$'5\t青石岭\t23\t麻醉科' \
	$'6\t白沙\t20\t病理科、儿科' \
	$'序号\t县区\t已建数量\t尚缺的专业' \
	$'7\t红旗\t22\t康复科、急诊科、眼科' \
	$'8\t长乐\t17\t儿科、麻醉科、口腔科、病理科、核医学' \
	$'9\t新安\t24\t眼科' > "$tmp/tabs.txt"
soffice --headless --infilter="Text (encoded):UTF8" --convert-to pdf --outdir "$tmp" "$tmp/tabs.txt" > /dev/null
pdftoppm -r 150 -gray -png -f 1 -l 1 "$tmp/tabs.pdf" "$tmp/pic"
go run testdata/scans/strips2pdf.go 150 0 "$tmp"/pic-*.png > testdata/scans/tabtable.pdf
