// Package dictionaries holds qcweave's reference data as embedded files:
// GB/T 2260 regions, specialties, institutions, activity kinds, surnames,
// person titles and the compact general word list of the segmenter. It only
// exports the file system; package lexicon parses it. README.md beside this
// file gives the source of every file; generated files keep their
// generators under gen/.
package dictionaries

import "embed"

// FS holds the dictionary files by their base names.
//
//go:embed *.tsv *.txt
var FS embed.FS
