// Package formats recognizes a file's format from its content and loads it
// into a laid-out document.Document. Only formats with a working loader are
// accepted; anything else is refused with ErrUnknownFormat.
package formats

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"

	"qcweave/document"
	"qcweave/formats/plaintext"
	"qcweave/layout"
)

// ErrUnknownFormat is returned for files no loader reads.
var ErrUnknownFormat = errors.New("unknown format")

// Sniff returns the format of b by its content: "pdf", "zip" (DOCX/XLSX),
// "ole" (legacy Office), "html", "txt", or "" when unknown.
func Sniff(b []byte) string {
	head := b[:min(len(b), 1024)]
	trimmed := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF-")):
		return "pdf"
	case bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return "zip"
	case bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return "ole"
	case bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<!doctype html")), bytes.HasPrefix(bytes.ToLower(trimmed), []byte("<html")):
		return "html"
	}
	if _, _, err := plaintext.Decode(b); err == nil {
		return "txt"
	}
	return ""
}

// Load reads the file at path and lays it out.
func Load(ctx context.Context, path string) (*document.Document, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	return LoadBytes(ctx, path, b)
}

// LoadBytes lays out the content b of the file named path.
func LoadBytes(ctx context.Context, path string, b []byte) (*document.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	var doc *document.Document
	switch f := Sniff(b); f {
	case "txt":
		text, _, err := plaintext.Decode(b)
		if err != nil {
			return nil, err
		}
		doc = layout.Build(plaintext.Lines(text))
		doc.Format, doc.Engine = "txt", "text"
	case "":
		if len(bytes.TrimSpace(b)) == 0 {
			return nil, plaintext.ErrEmpty
		}
		if _, _, err := plaintext.Decode(b); err != nil {
			return nil, err
		}
		return nil, ErrUnknownFormat
	default:
		return nil, fmt.Errorf("%w: %s files are not supported yet", ErrUnknownFormat, f)
	}
	if len(doc.Blocks) == 0 {
		return nil, errors.New("no text in document")
	}
	doc.Path = path
	doc.SHA256 = hex.EncodeToString(sum[:])
	return doc, nil
}
