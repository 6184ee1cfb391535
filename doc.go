// Package qcweave turns Chinese official notices and bulletins about
// medical quality-control centers (医疗质量控制中心) into a checked SQLite
// store and datasets.
//
// The folders, in the order data flows through them:
//
//	dictionaries/       embedded reference data (GB/T 2260 regions, specialties, …) and their generators
//	lexicon/            the dictionaries parsed into lookup tables
//	formats/            format sniffing, loaders and the PDF helper process
//	formats/plaintext/  UTF-8, UTF-16 and GB18030 text
//	formats/pdfload/    PDF text from glyph positions (over github.com/ledongthuc/pdf)
//	formats/docx/       Word paragraphs and tables
//	formats/xlsx/       Excel sheets as tables (excelize)
//	formats/html/       web pages
//	layout/             lines → normalized text, paragraphs and tables, with a map back to the source
//	document/           the document model: normalized text, blocks, rune spans
//	segment/            word segmentation with gse and the domain dictionaries
//	cnparse/            Chinese numbers, qualifiers and dates
//	extractors/         document → records (metadata, counts, centers, coverage, activities, findings)
//	record/             the records, in the JSON shape of the output contract
//	store/              SQLite schema and writes, one transaction per document
//	reconcile/          findings across documents
//	pipeline/           discover → load → extract → store, with a worker pool
//	export/             CSV/JSON datasets with a Frictionless datapackage.json, and the XLSX workbook
//	report/             the self-contained HTML report
//	watch/              the watched folder (fsnotify)
//	scripts/            make bench
//	docs/               the report's screenshot
//	cmd/qcweave/        the command line
//	testdata/           sample notices, their PDF, Word and HTML renderings (and the script that made them), golden files
//
// Extractors and dictionaries never import pipeline, store or cmd.
package qcweave
