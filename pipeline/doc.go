// Package pipeline runs qcweave's stages over a batch of files:
//
//	discover  walk the arguments (files and folders, recursively) in a stable order
//	load      read a file, sniff its format by content, decode and lay it out
//	          (normalize, paragraphs, tables, furniture removed)
//	extract   segment and extract the records (package extractors), resolving
//	          names against the dictionaries
//	store     write each document and its records in one transaction
//	reconcile check the store across documents (package reconcile)
//
// Load and extract run in a pool of workers fed by a bounded channel; one
// writer stores. A file's error travels with its result: it is reported,
// kept in the store's error log, and never stops the other files. Only
// cancellation or a failure of the store itself stops a run; a document in
// flight when the context is cancelled is rolled back.
package pipeline
