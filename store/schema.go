package store

// SchemaVersion is the version a new store is created at: schema() (the
// version 1 tables) followed by every migration. An older store is
// migrated on open; a newer one is refused with a clear message.
var SchemaVersion = 1 + len(migrations)

// migrations[i] brings a store from version i+1 to i+2. Never edit one that
// has been released; add another.
var migrations = [][]string{
	// 2: user dictionary, and views of hosts and coverage over time
	{
		`CREATE TABLE user_aliases (
			kind TEXT NOT NULL CHECK (kind IN ('specialty', 'region', 'institution')),
			alias TEXT NOT NULL,
			target TEXT NOT NULL,
			PRIMARY KEY (kind, alias)
		)`,
		`CREATE VIEW center_hosts_over_time AS
			SELECT ce.key AS center_key, ce.name AS center, COALESCE(d.doc_date, d.period_end) AS date, d.sha256 AS document,
			       (SELECT group_concat(canonical, '、') FROM (SELECT i.canonical FROM center_hosts h JOIN institutions i ON i.id = h.institution_id
			         WHERE h.mention_id = m.id ORDER BY h.position)) AS hosts, m.quote
			FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
			WHERE d.superseded_by IS NULL`,
		`CREATE VIEW coverage_over_time AS
			SELECT COALESCE(r.name, c.region_text) AS region, c.region_code, c.level, COALESCE(d.doc_date, d.period_end) AS date, c.built,
			       (SELECT count(*) FROM coverage_missing m WHERE m.coverage_id = c.id) AS missing, d.sha256 AS document
			FROM coverage c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
			WHERE d.superseded_by IS NULL`,
	},
	// 3: the notice a document is an issue of — its 文号, or issuer, title
	// and date — so that a reissue or the same notice in another format
	// supersedes the earlier file
	{
		`ALTER TABLE documents ADD COLUMN notice_key TEXT`,
		`UPDATE documents SET notice_key = COALESCE(doc_number,
			CASE WHEN issuer IS NOT NULL AND title <> '' AND doc_date IS NOT NULL THEN issuer || '|' || title || '|' || doc_date END)`,
		`CREATE INDEX documents_notice_key ON documents(notice_key)`,
		`DROP VIEW open_findings`,
		`CREATE VIEW open_findings AS
			SELECT f.* FROM findings f WHERE f.id NOT IN (SELECT finding_id FROM acks)
			AND (f.document_id IS NULL OR f.document_id NOT IN (SELECT id FROM documents WHERE superseded_by IS NOT NULL))`,
	},
	// 4: the OCR confidence of each page of a scanned document (a fact's
	// page gives its confidence)
	{
		`CREATE TABLE document_pages (
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			page INTEGER NOT NULL,
			ocr_confidence REAL,
			PRIMARY KEY (document_id, page)
		)`,
	},
	// 5: indexes for stores of many documents: a document's findings, a
	// center's mentions and activities
	{
		`CREATE INDEX findings_document ON findings(document_id)`,
		`CREATE INDEX center_mentions_center ON center_mentions(center_id)`,
		`CREATE INDEX activities_center ON activities(center_id)`,
	},
	// 6: page furniture (page numbers, running heads) kept out of the
	// text, with its page
	{
		`CREATE TABLE document_furniture (
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			page INTEGER,
			text TEXT NOT NULL,
			PRIMARY KEY (document_id, position)
		)`,
	},
	// 7: the findings across documents carry the facts they are about
	// (their scope), so that a new document's facts are checked again
	// without the whole store; counts are found by region and level
	{
		`ALTER TABLE findings ADD COLUMN scope TEXT`,
		`CREATE INDEX findings_scope ON findings(document_id, scope)`,
		`CREATE INDEX counts_region ON counts(region_code, level)`,
	},
	// 8: reviewers' corrections of records, kept apart from extraction and
	// matched to records by identity (document sha256, kind, key), and
	// reviews of findings (confirmed or dismissed, by whom and why)
	{
		`CREATE TABLE corrections (
			id INTEGER PRIMARY KEY,
			document_sha256 TEXT NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN ('count', 'center', 'coverage', 'activity')),
			record_key TEXT NOT NULL,
			action TEXT NOT NULL CHECK (action IN ('set', 'delete', 'add')),
			field TEXT NOT NULL DEFAULT '',
			before TEXT,
			after TEXT,
			quote TEXT NOT NULL DEFAULT '',
			span_start INTEGER,
			span_end INTEGER,
			reviewer TEXT NOT NULL,
			at TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX corrections_record ON corrections(document_sha256, kind, record_key)`,
		`CREATE TABLE finding_reviews (
			finding_id TEXT PRIMARY KEY,
			status TEXT NOT NULL CHECK (status IN ('confirmed', 'dismissed')),
			reviewer TEXT NOT NULL,
			at TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT ''
		)`,
	},
	// 9: the documents that mention a center, counted from an index (the
	// workbench's center pages on a large store)
	{
		`CREATE INDEX center_mentions_center_doc ON center_mentions(center_id, document_id)`,
	},
	// 10: how sure the extraction is of each record and which rule made it,
	// the rectangles of its quote on its page (JSON [[page, x0, y0, x1,
	// y1], …]), the same for a center's hosts, and the provenance of each
	// field of a document's metadata
	{
		`ALTER TABLE counts ADD COLUMN confidence REAL`,
		`ALTER TABLE counts ADD COLUMN rule TEXT`,
		`ALTER TABLE counts ADD COLUMN boxes TEXT`,
		`ALTER TABLE center_mentions ADD COLUMN confidence REAL`,
		`ALTER TABLE center_mentions ADD COLUMN rule TEXT`,
		`ALTER TABLE center_mentions ADD COLUMN boxes TEXT`,
		`ALTER TABLE center_mentions ADD COLUMN host_confidence REAL`,
		`ALTER TABLE center_mentions ADD COLUMN host_rule TEXT`,
		`ALTER TABLE coverage ADD COLUMN confidence REAL`,
		`ALTER TABLE coverage ADD COLUMN rule TEXT`,
		`ALTER TABLE coverage ADD COLUMN boxes TEXT`,
		`ALTER TABLE activities ADD COLUMN confidence REAL`,
		`ALTER TABLE activities ADD COLUMN rule TEXT`,
		`ALTER TABLE activities ADD COLUMN boxes TEXT`,
		`CREATE TABLE document_fields (
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			field TEXT NOT NULL,
			confidence REAL,
			rule TEXT,
			quote TEXT,
			span_start INTEGER,
			span_end INTEGER,
			PRIMARY KEY (document_id, field)
		)`,
	},
	// 11: the findings that quote a document, found from an index (an
	// ingest checks again the facts of the findings that quote its
	// documents)
	{
		`CREATE INDEX finding_refs_document ON finding_refs(document_sha256)`,
	},
	// 12: the views name each row's document by title and file name beside
	// its sha256
	{
		`DROP VIEW missing_specialties`,
		`CREATE VIEW missing_specialties AS
			SELECT d.sha256 AS document, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1) AS file, d.doc_date, d.period_end, c.region_text AS region, c.region_code, c.level,
			       m.specialty_text AS specialty, m.specialty_id
			FROM coverage_missing m JOIN coverage c ON c.id = m.coverage_id JOIN documents d ON d.id = c.document_id
			WHERE d.superseded_by IS NULL`,
		`DROP VIEW counts_over_time`,
		`CREATE VIEW counts_over_time AS
			SELECT c.region_code, COALESCE(r.name, c.region_text) AS region, c.level, c.subject, c.as_of, c.value, c.qualifier,
			       d.sha256 AS document, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1) AS file
			FROM counts c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
			WHERE d.superseded_by IS NULL`,
		`DROP VIEW activities_by_center`,
		`CREATE VIEW activities_by_center AS
			SELECT COALESCE(ce.name, a.center_text) AS center, a.start_date, a.end_date,
			       (SELECT group_concat(place, '、') FROM (SELECT place FROM activity_places p WHERE p.activity_id = a.id ORDER BY position)) AS places,
			       (SELECT group_concat(name, '、') FROM (SELECT name FROM activity_people p WHERE p.activity_id = a.id ORDER BY position)) AS people,
			       a.participants, a.quote, d.sha256 AS document, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1) AS file
			FROM activities a JOIN documents d ON d.id = a.document_id LEFT JOIN centers ce ON ce.id = a.center_id`,
		`DROP VIEW center_hosts_over_time`,
		`CREATE VIEW center_hosts_over_time AS
			SELECT ce.key AS center_key, ce.name AS center, COALESCE(d.doc_date, d.period_end) AS date, d.sha256 AS document, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1) AS file,
			       (SELECT group_concat(canonical, '、') FROM (SELECT i.canonical FROM center_hosts h JOIN institutions i ON i.id = h.institution_id
			         WHERE h.mention_id = m.id ORDER BY h.position)) AS hosts, m.quote
			FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
			WHERE d.superseded_by IS NULL`,
		`DROP VIEW coverage_over_time`,
		`CREATE VIEW coverage_over_time AS
			SELECT COALESCE(r.name, c.region_text) AS region, c.region_code, c.level, COALESCE(d.doc_date, d.period_end) AS date, c.built,
			       (SELECT count(*) FROM coverage_missing m WHERE m.coverage_id = c.id) AS missing, d.sha256 AS document, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1) AS file
			FROM coverage c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
			WHERE d.superseded_by IS NULL`,
	},
	// the documents a document supersedes, found by an index: the scope of
	// a new document and the open findings read no longer every document
	// (a 10^5-document store read 32 MB for each)
	{
		`CREATE INDEX documents_superseded ON documents(superseded_by)`,
	},
	// 14: the parts of a 公文 (GB/T 9704) the layout found — 版头, 发文字号,
	// 签发人, 主送, 附件说明, 成文日期, 印章, 附注, 附件, the 版记's 抄送 and
	// 印发 lines, page numbers — with their page and span, and the role and
	// side of a page number among the furniture
	{
		`CREATE TABLE document_parts (
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			role TEXT NOT NULL,
			page INTEGER,
			text TEXT NOT NULL,
			span_start INTEGER,
			span_end INTEGER,
			side TEXT,
			PRIMARY KEY (document_id, position)
		)`,
		`ALTER TABLE document_furniture ADD COLUMN role TEXT`,
		`ALTER TABLE document_furniture ADD COLUMN side TEXT`,
	},
	// 15: what the checks of a document against itself read beside its
	// records (record.Basis), so that they run again over the records as
	// reviewers corrected them; NULL for a document stored before
	{
		`ALTER TABLE documents ADD COLUMN basis_province TEXT`,
		`ALTER TABLE documents ADD COLUMN basis_cities INTEGER`,
		`ALTER TABLE documents ADD COLUMN basis_partial_list INTEGER`,
	},
}

// schema returns the DDL of the current version.
func schema() []string {
	return []string{
		`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
		`CREATE TABLE documents (
			id INTEGER PRIMARY KEY,
			sha256 TEXT NOT NULL UNIQUE,
			path TEXT NOT NULL,
			format TEXT NOT NULL,
			pages INTEGER NOT NULL DEFAULT 0,
			engine TEXT,
			title TEXT,
			issuer TEXT,
			doc_number TEXT,
			kind TEXT,
			doc_date TEXT,
			period_start TEXT,
			period_end TEXT,
			province TEXT,
			province_code TEXT,
			extractor_version TEXT NOT NULL,
			superseded_by INTEGER REFERENCES documents(id) ON DELETE SET NULL
		)`,
		`CREATE INDEX documents_doc_number ON documents(doc_number)`,
		`CREATE TABLE document_text (
			document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
			text TEXT NOT NULL,
			source_map BLOB
		)`,
		`CREATE TABLE attachments (
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			seq INTEGER NOT NULL,
			title TEXT NOT NULL,
			PRIMARY KEY (document_id, seq)
		)`,
		`CREATE TABLE regions (code TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, parent TEXT)`,
		`CREATE TABLE specialties (id TEXT PRIMARY KEY, name TEXT NOT NULL)`,
		`CREATE TABLE institutions (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, canonical TEXT, region_code TEXT REFERENCES regions(code))`,
		`CREATE TABLE centers (
			id INTEGER PRIMARY KEY,
			key TEXT NOT NULL UNIQUE,
			level TEXT,
			region_code TEXT REFERENCES regions(code),
			region_text TEXT,
			specialty_id TEXT REFERENCES specialties(id),
			specialty_text TEXT,
			name TEXT NOT NULL
		)`,
		`CREATE TABLE center_mentions (
			id INTEGER PRIMARY KEY,
			center_id INTEGER NOT NULL REFERENCES centers(id),
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			name TEXT NOT NULL,
			aliases TEXT,
			seq INTEGER,
			source TEXT NOT NULL,
			established TEXT,
			quote TEXT NOT NULL,
			span_start INTEGER NOT NULL,
			span_end INTEGER NOT NULL,
			page INTEGER
		)`,
		`CREATE INDEX center_mentions_doc ON center_mentions(document_id)`,
		`CREATE TABLE center_hosts (
			mention_id INTEGER NOT NULL REFERENCES center_mentions(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			institution_id INTEGER NOT NULL REFERENCES institutions(id),
			PRIMARY KEY (mention_id, position)
		)`,
		`CREATE TABLE counts (
			id INTEGER PRIMARY KEY,
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			region_text TEXT NOT NULL,
			region_code TEXT REFERENCES regions(code),
			level TEXT,
			subject TEXT NOT NULL,
			value INTEGER NOT NULL,
			qualifier TEXT NOT NULL,
			as_of TEXT,
			ranked INTEGER NOT NULL DEFAULT 0,
			total INTEGER NOT NULL DEFAULT 0,
			quote TEXT NOT NULL,
			span_start INTEGER NOT NULL,
			span_end INTEGER NOT NULL,
			page INTEGER
		)`,
		`CREATE INDEX counts_doc ON counts(document_id)`,
		`CREATE TABLE coverage (
			id INTEGER PRIMARY KEY,
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			region_text TEXT NOT NULL,
			region_code TEXT REFERENCES regions(code),
			level TEXT,
			built INTEGER,
			quote TEXT NOT NULL,
			span_start INTEGER NOT NULL,
			span_end INTEGER NOT NULL,
			page INTEGER
		)`,
		`CREATE INDEX coverage_doc ON coverage(document_id)`,
		`CREATE TABLE coverage_missing (
			coverage_id INTEGER NOT NULL REFERENCES coverage(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			specialty_text TEXT NOT NULL,
			specialty_id TEXT REFERENCES specialties(id),
			PRIMARY KEY (coverage_id, position)
		)`,
		`CREATE TABLE activities (
			id INTEGER PRIMARY KEY,
			document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
			center_id INTEGER REFERENCES centers(id),
			center_text TEXT NOT NULL,
			start_date TEXT,
			end_date TEXT,
			participants INTEGER,
			participants_qualifier TEXT,
			quote TEXT NOT NULL,
			span_start INTEGER NOT NULL,
			span_end INTEGER NOT NULL,
			page INTEGER
		)`,
		`CREATE INDEX activities_doc ON activities(document_id)`,
		`CREATE TABLE activity_places (activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE, position INTEGER NOT NULL, place TEXT NOT NULL, PRIMARY KEY (activity_id, position))`,
		`CREATE TABLE activity_people (activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE, position INTEGER NOT NULL, name TEXT NOT NULL, PRIMARY KEY (activity_id, position))`,
		`CREATE TABLE activity_kinds (activity_id INTEGER NOT NULL REFERENCES activities(id) ON DELETE CASCADE, kind TEXT NOT NULL, PRIMARY KEY (activity_id, kind))`,
		`CREATE TABLE findings (
			id TEXT PRIMARY KEY,
			document_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
			kind TEXT NOT NULL,
			severity TEXT NOT NULL,
			subject TEXT,
			message TEXT NOT NULL
		)`,
		`CREATE TABLE finding_refs (
			finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
			position INTEGER NOT NULL,
			document_sha256 TEXT NOT NULL,
			quote TEXT NOT NULL,
			span_start INTEGER NOT NULL,
			span_end INTEGER NOT NULL,
			PRIMARY KEY (finding_id, position)
		)`,
		`CREATE TABLE acks (finding_id TEXT PRIMARY KEY, note TEXT)`,
		`CREATE TABLE ingest_errors (
			id INTEGER PRIMARY KEY,
			path TEXT NOT NULL,
			sha256 TEXT,
			reason TEXT NOT NULL,
			UNIQUE (path, sha256, reason)
		)`,
		`CREATE VIEW missing_specialties AS
			SELECT d.sha256 AS document, d.doc_date, d.period_end, c.region_text AS region, c.region_code, c.level,
			       m.specialty_text AS specialty, m.specialty_id
			FROM coverage_missing m JOIN coverage c ON c.id = m.coverage_id JOIN documents d ON d.id = c.document_id
			WHERE d.superseded_by IS NULL`,
		`CREATE VIEW counts_over_time AS
			SELECT c.region_code, COALESCE(r.name, c.region_text) AS region, c.level, c.subject, c.as_of, c.value, c.qualifier,
			       d.sha256 AS document, d.title
			FROM counts c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
			WHERE d.superseded_by IS NULL`,
		`CREATE VIEW activities_by_center AS
			SELECT COALESCE(ce.name, a.center_text) AS center, a.start_date, a.end_date,
			       (SELECT group_concat(place, '、') FROM (SELECT place FROM activity_places p WHERE p.activity_id = a.id ORDER BY position)) AS places,
			       (SELECT group_concat(name, '、') FROM (SELECT name FROM activity_people p WHERE p.activity_id = a.id ORDER BY position)) AS people,
			       a.participants, a.quote, d.sha256 AS document
			FROM activities a JOIN documents d ON d.id = a.document_id LEFT JOIN centers ce ON ce.id = a.center_id`,
		`CREATE VIEW open_findings AS
			SELECT f.* FROM findings f WHERE f.id NOT IN (SELECT finding_id FROM acks)`,
	}
}

// ftsSchema is the full-text index; it needs SQLite built with FTS5 (the
// sqlite_fts5 build tag of github.com/mattn/go-sqlite3, set by the Makefile).
// Its segments are merged only when 64 pile up on one level (FTS5's crisis
// merge), not four at a time after each transaction: ingest writes the
// index in many small transactions, and merging them a few at a time
// cost a third of the indexing; a query reads a few more segments.
var ftsSchema = []string{
	`CREATE VIRTUAL TABLE document_fts USING fts5(text, content='document_text', content_rowid='document_id', tokenize='trigram')`,
	`INSERT INTO document_fts(document_fts, rank) VALUES ('automerge', 0)`,
	`INSERT INTO document_fts(document_fts, rank) VALUES ('crisismerge', 64)`,
	`CREATE TRIGGER document_text_ai AFTER INSERT ON document_text BEGIN
		INSERT INTO document_fts(rowid, text) VALUES (new.document_id, new.text);
	END`,
	`CREATE TRIGGER document_text_ad AFTER DELETE ON document_text BEGIN
		INSERT INTO document_fts(document_fts, rowid, text) VALUES ('delete', old.document_id, old.text);
	END`,
}
