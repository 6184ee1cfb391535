// Package formats recognizes a file's format from its content and loads it
// into a laid-out document.Document: text (formats/plaintext), PDF
// (formats/pdfload, in helper processes), Word .docx (formats/docx), Excel
// .xlsx (formats/xlsx) and web pages (formats/html). Anything else is
// refused with ErrUnknownFormat.
package formats

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"qcweave/document"
	"qcweave/formats/docx"
	"qcweave/formats/html"
	"qcweave/formats/ocr"
	"qcweave/formats/ofd"
	"qcweave/formats/plaintext"
	"qcweave/formats/xlsx"
	"qcweave/layout"
)

// ErrUnknownFormat is returned for files no loader reads.
var ErrUnknownFormat = errors.New("unknown format")

// Sniff returns the format of b by its content: "pdf", "zip" (DOCX/XLSX),
// "ole" (legacy Office), "html", "txt", or "" when unknown.
func Sniff(b []byte) string {
	f, _, _ := sniff(b)
	return f
}

// sniff is Sniff that also returns the decoded text of a text file, or
// why a file of no known format does not decode as text.
func sniff(b []byte) (format, text string, err error) {
	if bytes.HasPrefix(b, []byte{0xFF, 0xFE}) || bytes.HasPrefix(b, []byte{0xFE, 0xFF}) {
		// UTF-16: a text file or a web page saved so
		if text, _, err = plaintext.Decode(b); err != nil {
			return "", "", err
		}
		if looksLikeHTML([]byte(text[:min(len(text), 1024)])) {
			return "html", text, nil
		}
		return "txt", text, nil
	}
	head := b[:min(len(b), 1024)]
	switch {
	case bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF-")):
		return "pdf", "", nil
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "zip", "", nil
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "ole", "", nil
	case looksLikeHTML(head):
		return "html", "", nil
	}
	text, _, err = plaintext.Decode(b)
	if err == nil {
		return "txt", text, nil
	}
	return "", "", err
}

// Loader loads files into documents. The zero value reads PDFs in the
// calling process and has no fallback engine.
type Loader struct {
	// PDFHelper is the command line of a process that reads a PDF on stdin
	// and writes its lines on a gob stream (qcweave's pdf-helper command, which
	// calls ServePDFHelper). Reading in a child process isolates panics,
	// endless loops and runaway allocations of malformed files. Empty:
	// read in this process.
	PDFHelper []string
	// PDFTimeout bounds one PDF in the helper (default 10 s).
	PDFTimeout time.Duration
	// Pdftotext is the path of poppler's pdftotext, the fallback engine
	// for PDFs whose text the built-in reader cannot decode; "" for none.
	Pdftotext string
	// OCR reads scanned PDFs (pages without a text layer); nil: scans are
	// refused. OCRTimeout bounds one file (default 10 min).
	OCR        *ocr.Engine
	OCRTimeout time.Duration

	pool helperPool
}

// Close ends the loader's idle helper processes.
func (l *Loader) Close() { l.pool.close() }

// MaxFileSize is the largest file Load reads.
const MaxFileSize = 256 << 20

// ErrTooLarge is returned for files above MaxFileSize.
var ErrTooLarge = errors.New("file too large")

// Load lays out the file at path: its content when the caller has read it
// (to hash it first, say), else what Load reads from path. The document
// carries the path and the SHA-256 of the content. Only a regular file is
// read, within MaxFileSize (ReadFile). It is the one way into
// the package: every format is recognized by content and decoded once.
func (l *Loader) Load(ctx context.Context, path string, content []byte) (*document.Document, error) {
	b := content
	if b == nil {
		var err error
		if b, err = ReadFile(ctx, path, ""); err != nil {
			return nil, pathless(err)
		}
	}
	sum := sha256.Sum256(b)
	return l.LoadHashed(ctx, path, b, hex.EncodeToString(sum[:]))
}

// pathless is an error of the file system without the operation and path
// it names (the caller names the file once): "no such file or directory".
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// LoadHashed is Load for content the caller has read and hashed: sum is
// its SHA-256 in hex, which the document carries.
func (l *Loader) LoadHashed(ctx context.Context, path string, content []byte, sum string) (*document.Document, error) {
	doc, err := l.load(ctx, path, content)
	if err != nil {
		return nil, err
	}
	doc.Path, doc.SHA256 = path, sum
	return doc, nil
}

// load recognizes the format of b and lays it out.
func (l *Loader) load(ctx context.Context, path string, b []byte) (*document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var doc *document.Document
	f, text, decodeErr := sniff(b)
	if (f == "txt" || f == "") && looksLikePDF(b) {
		return nil, errors.New("damaged PDF: no %PDF header")
	}
	switch f {
	case "txt":
		doc = layout.Build(plaintext.Lines(text))
		doc.Format, doc.Engine = "txt", "text"
	case "pdf":
		t, err := l.readPDF(ctx, path, b)
		if err != nil {
			return nil, err
		}
		doc = buildPDF(t)
	case "zip":
		switch members := zipMembers(b); {
		case members["word/document.xml"]:
			lines, err := docx.Read(b)
			if err != nil {
				return nil, err
			}
			doc = layout.Build(lines)
			doc.Format, doc.Engine = "docx", "docx"
		case members["OFD.xml"]:
			res, err := ofd.Read(b)
			if err != nil {
				return nil, err
			}
			if res.Quality < minQuality {
				return nil, fmt.Errorf("OFD text does not decode (embedded fonts without Unicode; %.0f%% readable characters)", 100*res.Quality)
			}
			doc = layout.Build(res.Lines)
			doc.Format, doc.Engine, doc.Pages, doc.PageSizes = "ofd", "qcweave-ofd", res.Pages, res.PageSizes
		case members["xl/workbook.xml"]:
			lines, sheets, err := xlsx.Read(b)
			if err != nil {
				return nil, err
			}
			doc = layout.Build(lines)
			doc.Format, doc.Engine, doc.Pages = "xlsx", "excelize", sheets
		default:
			return nil, fmt.Errorf("%w: a zip archive that is not a Word (.docx), Excel (.xlsx) or OFD file", ErrUnknownFormat)
		}
	case "html":
		if text == "" {
			var err error
			if text, _, err = plaintext.Decode(b); err != nil {
				return nil, err
			}
		}
		doc = layout.Build(html.Read([]byte(text)))
		doc.Format, doc.Engine = "html", "html"
	case "ole":
		return nil, fmt.Errorf("%w: a legacy Office file (.doc/.xls); save it as .docx or .xlsx", ErrUnknownFormat)
	case "":
		if len(bytes.TrimSpace(b)) == 0 {
			return nil, plaintext.ErrEmpty
		}
		if decodeErr != nil {
			return nil, decodeErr
		}
		return nil, ErrUnknownFormat
	default:
		return nil, fmt.Errorf("%w: %s", ErrUnknownFormat, f)
	}
	if len(doc.Blocks) == 0 {
		return nil, errors.New("no text in document (only page numbers and running heads)")
	}
	return doc, nil
}

// looksLikeHTML reports whether the head of a file opens a web page: a
// doctype or <html>, after a BOM, white space and an XML prolog or
// comments (XHTML pages start with <?xml …?>).
func looksLikeHTML(head []byte) bool {
	h := bytes.ToLower(bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n"))
	if bytes.HasPrefix(h, []byte("<?xml")) || bytes.HasPrefix(h, []byte("<!--")) {
		return bytes.Contains(h, []byte("<html")) || bytes.Contains(h, []byte("<!doctype html"))
	}
	return bytes.HasPrefix(h, []byte("<!doctype html")) || bytes.HasPrefix(h, []byte("<html"))
}

// looksLikePDF reports whether b has the body of a PDF (objects and a
// cross-reference table or trailer) without its header.
func looksLikePDF(b []byte) bool {
	return bytes.Contains(b, []byte(" obj")) && bytes.Contains(b, []byte("endobj")) &&
		(bytes.Contains(b, []byte("xref")) || bytes.Contains(b, []byte("trailer")))
}

// zipMembers returns the names of the members of the zip archive b (none
// when b is no archive), read from its directory once.
func zipMembers(b []byte) map[string]bool {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	out := make(map[string]bool, len(zr.File))
	for _, f := range zr.File {
		out[f.Name] = true
	}
	return out
}
