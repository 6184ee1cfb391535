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
//	formats/ofd/        OFD (GB/T 33190) pages laid out like PDF pages
//	formats/ocr/        scanned PDF pages read with tesseract
//	layout/             lines → normalized text, paragraphs and tables, with a map back to the source
//	document/           the document model: normalized text, blocks, rune spans
//	segment/            word segmentation with gse and the domain dictionaries
//	cnparse/            Chinese numbers, qualifiers and dates
//	extractors/         document → records (metadata, counts, centers, coverage, activities, findings)
//	checks/             a document checked against itself (dates outside its period, totals, conflicts), pure: run by extractors and again by reconcile over corrected records
//	record/             the records, in the JSON shape of the output contract, and the names a store resolves
//	resolve/            names → reference rows and unknown_entity findings; a store's names resolved anew
//	confidence/         each record's confidence from all its evidence (called by resolve); doubtful dates
//	store/              SQLite schema and writes, one transaction per document; saves what it is given
//	reconcile/          findings across documents; a corrected document's own findings made again
//	pipeline/           a run end to end: discover → load → extract → resolve → store → reconcile, with a worker pool
//	export/             CSV/JSON datasets with a Frictionless datapackage.json, and the XLSX workbook
//	report/             the self-contained HTML report
//	watch/              the watched folder (fsnotify)
//	internal/           test helpers (small stores, minimal PDFs, a synchronized buffer)
//	internal/ofdpkg/    an OFD package's parts, read within bounds, and its page list (for formats/ofd and ofdsvg)
//	internal/ofdsvg/    an OFD page drawn as SVG for the workbench
//	scripts/            make bench and make eval
//	docs/               the report's screenshot
//	cmd/qcweave/        the command line
//	testdata/           real documents (seeds, dev set with keys, the scorer), synthetic notices, renderings, golden files
//
// Data flows one way; layering_test.go fails when a package reaches one
// that comes after it (extractors or lexicon reaching store, pipeline or
// cmd; store reaching lexicon, resolve or pipeline; formats reaching
// extractors).
package qcweave
