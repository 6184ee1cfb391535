// Package store keeps qcweave's data in SQLite: one row per document with
// its normalized text (searchable through an FTS5 trigram index, which
// works for Chinese), and the facts extracted from it — counts, centers and
// their hosts, coverage rows and missing specialties, activities with
// places, people and kinds, findings — each with the quote and rune span of
// the text that supports it. Centers, regions, specialties and
// institutions are entities shared across documents.
//
// Tables (see schema.go for the DDL):
//
//	meta               schema version and settings
//	documents          one per distinct file content (sha256), with GB/T 9704 metadata and the notice it is an issue of
//	document_fields    how each metadata field was found: confidence, rule, quote, span
//	document_parts     the parts of a 公文 (GB/T 9704 roles: 版头, 签发人, 主送, 成文日期, 印章, 附注, 版记's 抄送 and 印发, page numbers) with page and span
//	document_furniture page numbers and running heads kept out of the text, with page, role and side
//	document_text      normalized text and its map back to the source
//	document_fts       full-text index over document_text (trigram)
//	attachments        附件 list of a document
//	regions            GB/T 2260 divisions referred to by facts
//	specialties        canonical specialties
//	institutions       host institutions
//	centers            a center entity: (level, region, specialty)
//	center_mentions    a center as one document names it (name, seq, established, quote)
//	center_hosts       host institutions per mention
//	counts             counts of centers per region, level and date
//	                   (every record: confidence, rule and the boxes of its quote as JSON)
//	coverage           built counts per region; coverage_missing lists what is not built
//	activities         dated events; activity_places, activity_people, activity_kinds
//	findings           discrepancies, with finding_refs to quotes and acks for reviewed ones
//	ingest_errors      files that could not be read, with the reason
//	user_aliases       the user dictionary (qcweave dict)
//
// Views answer the common questions: missing_specialties, counts_over_time,
// coverage_over_time, center_hosts_over_time, activities_by_center,
// open_findings; all but the last name each row's document by sha256
// (document), title and file name (file). The schema is version 1 (schema.go) plus numbered
// migrations; a store is migrated when opened.
//
// Every write of a document happens in one transaction: the store never
// holds half a document.
package store
