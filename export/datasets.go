// Package export writes the store's datasets — documents, counts, centers,
// coverage, activities, findings — as CSV (with a BOM for Excel, when
// asked) or as JSON, with a Frictionless datapackage.json. Rows come in a
// stable order and carry no run-time values, so the same documents give
// byte-identical files; every row carries its document's sha256 and the
// quote that supports it.
package export

// Field is a column of a dataset with its Frictionless type.
type Field struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
}

// ForeignKey links fields of a dataset to another dataset.
type ForeignKey struct {
	Fields    []string `json:"fields"`
	Reference struct {
		Resource string   `json:"resource"`
		Fields   []string `json:"fields"`
	} `json:"reference"`
}

// Dataset is one exported table: its query and schema.
type Dataset struct {
	Name        string
	Title       string
	Fields      []Field
	PrimaryKey  []string
	ForeignKeys []ForeignKey
	Query       string
}

func fk(field, resource, refField string) ForeignKey {
	var k ForeignKey
	k.Fields = []string{field}
	k.Reference.Resource = resource
	k.Reference.Fields = []string{refField}
	return k
}

const docFK = "document"

// Datasets returns the exported tables in file order.
func Datasets() []Dataset {
	return withCorrected([]Dataset{
		{
			Name: "documents", Title: "文件 documents",
			Fields: []Field{{"sha256", "string", "SHA-256 of the file's bytes"}, {"path", "string", "path the file was ingested from"},
				{"format", "string", ""}, {"pages", "integer", ""}, {"title", "string", ""}, {"issuer", "string", "发文机关"},
				{"doc_number", "string", "发文字号"}, {"kind", "string", "通报/通知/简报 …"}, {"date", "date", "成文日期"},
				{"period_start", "date", ""}, {"period_end", "date", ""}, {"province", "string", ""}, {"province_code", "string", "GB/T 2260"},
				{"superseded_by", "string", "sha256 of the reissue that replaces it"}, {"extractor_version", "string", ""}},
			PrimaryKey: []string{"sha256"},
			Query: `SELECT d.sha256, d.path, d.format, d.pages, d.title, d.issuer, d.doc_number, d.kind, d.doc_date, d.period_start, d.period_end,
				d.province, d.province_code, (SELECT s.sha256 FROM documents s WHERE s.id = d.superseded_by), d.extractor_version
				FROM documents d ORDER BY d.sha256`,
		},
		{
			Name: "counts", Title: "质控中心数量 counts",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"}, {"region", "string", "as written"}, {"region_full", "string", ""},
				{"region_code", "string", "GB/T 2260"}, {"level", "string", "国家级/省级/市级/县级"}, {"subject", "string", ""},
				{"value", "integer", ""}, {"qualifier", "string", "exact/more/about"}, {"as_of", "date", ""}, {"ranked", "boolean", ""},
				{"quote", "string", ""}, {"span_start", "integer", "rune offset in the normalized text"}, {"span_end", "integer", ""}, {"page", "integer", ""},
				{"confidence", "number", "0-1: how likely the record is right, from its evidence"}, {"rule", "string", "what produced it"}, {"boxes", "array", "rectangles of the quote: [[page, x0, y0, x1, y1], ...] in PDF points from the top-left"}},
			PrimaryKey:  []string{docFK, "span_start", "span_end", "region", "level", "value"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), c.region_text, r.name, c.region_code, c.level, c.subject, c.value, c.qualifier, c.as_of,
				CASE WHEN c.ranked THEN 'true' ELSE 'false' END, c.quote, c.span_start, c.span_end, c.page, c.confidence, c.rule, c.boxes
				FROM counts c JOIN documents d ON d.id = c.document_id LEFT JOIN regions r ON r.code = c.region_code
				ORDER BY d.sha256, c.span_start, c.span_end, c.region_text, c.level, c.value`,
		},
		{
			Name: "centers", Title: "质控中心 centers",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"}, {"center_key", "string", "level|region|specialty: one center across documents"},
				{"name", "string", "as written"}, {"aliases", "string", "other names in the document, |-separated"}, {"seq", "integer", "序号 in a table"},
				{"level", "string", ""}, {"region", "string", ""}, {"region_code", "string", ""}, {"specialty", "string", "as written"},
				{"specialty_id", "string", ""}, {"institutions", "string", "host institutions, 、-separated"}, {"established", "date", ""},
				{"source", "string", "table/text"}, {"quote", "string", ""}, {"span_start", "integer", ""}, {"span_end", "integer", ""}, {"page", "integer", ""},
				{"confidence", "number", "0-1: how likely the record is right, from its evidence"}, {"rule", "string", "what produced it"}, {"boxes", "array", "rectangles of the quote: [[page, x0, y0, x1, y1], ...] in PDF points from the top-left"},
				{"host_confidence", "number", "0-1, of the institutions"}, {"host_rule", "string", "what found the institutions"}},
			PrimaryKey:  []string{docFK, "span_start", "name"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), ce.key, m.name, m.aliases, m.seq, ce.level, ce.region_text, ce.region_code, ce.specialty_text, ce.specialty_id,
				(SELECT group_concat(name, '、') FROM (SELECT i.name FROM center_hosts h JOIN institutions i ON i.id = h.institution_id WHERE h.mention_id = m.id ORDER BY h.position)),
				m.established, m.source, m.quote, m.span_start, m.span_end, m.page, m.confidence, m.rule, m.boxes, m.host_confidence, m.host_rule
				FROM center_mentions m JOIN centers ce ON ce.id = m.center_id JOIN documents d ON d.id = m.document_id
				ORDER BY d.sha256, m.span_start, m.name`,
		},
		{
			Name: "coverage", Title: "各地组建情况 coverage",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"}, {"region", "string", ""}, {"region_code", "string", ""}, {"level", "string", ""},
				{"built", "integer", "centers built"}, {"missing", "string", "specialties not yet built, 、-separated as written"},
				{"missing_ids", "string", "their specialty ids, |-separated (empty when unknown)"}, {"missing_count", "integer", ""},
				{"quote", "string", ""}, {"span_start", "integer", ""}, {"span_end", "integer", ""}, {"page", "integer", ""},
				{"confidence", "number", "0-1: how likely the record is right, from its evidence"}, {"rule", "string", "what produced it"}, {"boxes", "array", "rectangles of the quote: [[page, x0, y0, x1, y1], ...] in PDF points from the top-left"}},
			PrimaryKey:  []string{docFK, "span_start"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), c.region_text, c.region_code, c.level, c.built,
				(SELECT group_concat(specialty_text, '、') FROM (SELECT specialty_text FROM coverage_missing m WHERE m.coverage_id = c.id ORDER BY position)),
				(SELECT group_concat(COALESCE(specialty_id, ''), '|') FROM (SELECT specialty_id FROM coverage_missing m WHERE m.coverage_id = c.id ORDER BY position)),
				(SELECT count(*) FROM coverage_missing m WHERE m.coverage_id = c.id),
				c.quote, c.span_start, c.span_end, c.page, c.confidence, c.rule, c.boxes
				FROM coverage c JOIN documents d ON d.id = c.document_id ORDER BY d.sha256, c.span_start`,
		},
		{
			Name: "activities", Title: "质控活动 activities",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"}, {"center", "string", ""}, {"center_key", "string", ""},
				{"start", "date", ""}, {"end", "date", ""}, {"places", "string", "、-separated"}, {"people", "string", "、-separated"},
				{"kinds", "string", "、-separated"}, {"participants", "integer", "stated head count"}, {"participants_qualifier", "string", ""},
				{"quote", "string", ""}, {"span_start", "integer", ""}, {"span_end", "integer", ""}, {"page", "integer", ""},
				{"confidence", "number", "0-1: how likely the record is right, from its evidence"}, {"rule", "string", "what produced it"}, {"boxes", "array", "rectangles of the quote: [[page, x0, y0, x1, y1], ...] in PDF points from the top-left"}},
			PrimaryKey:  []string{docFK, "span_start", "start", "center"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), a.center_text, ce.key, a.start_date, a.end_date,
				(SELECT group_concat(place, '、') FROM (SELECT place FROM activity_places p WHERE p.activity_id = a.id ORDER BY position)),
				(SELECT group_concat(name, '、') FROM (SELECT name FROM activity_people p WHERE p.activity_id = a.id ORDER BY position)),
				(SELECT group_concat(kind, '、') FROM (SELECT kind FROM activity_kinds k WHERE k.activity_id = a.id ORDER BY kind)),
				a.participants, a.participants_qualifier, a.quote, a.span_start, a.span_end, a.page, a.confidence, a.rule, a.boxes
				FROM activities a JOIN documents d ON d.id = a.document_id LEFT JOIN centers ce ON ce.id = a.center_id
				ORDER BY d.sha256, a.span_start, a.start_date, a.center_text`,
		},
		{
			Name: "findings", Title: "问题线索 findings",
			Fields: []Field{{"id", "string", "stable id; acknowledge with qcweave check --ack ID"}, {"kind", "string", ""}, {"severity", "string", ""},
				{"subject", "string", ""}, {"message", "string", ""}, {"acknowledged", "boolean", ""},
				{docFK, "string", "sha256 of the first document referred to"}, {"document_title", "string", "its title"}, {"file", "string", "its file name"}, {"quote", "string", "first quote"},
				{"span_start", "integer", ""}, {"span_end", "integer", ""}, {"other_refs", "string", "further sha256:start-end refs, |-separated"}},
			PrimaryKey:  []string{"id"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT f.id, f.kind, f.severity, f.subject, f.message,
				CASE WHEN f.id IN (SELECT finding_id FROM acks) THEN 'true' ELSE 'false' END,
				r.document_sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), r.quote, r.span_start, r.span_end,
				(SELECT group_concat(x, '|') FROM (SELECT document_sha256 || ':' || span_start || '-' || span_end AS x FROM finding_refs o WHERE o.finding_id = f.id AND o.position > 0 ORDER BY position))
				FROM findings f LEFT JOIN finding_refs r ON r.finding_id = f.id AND r.position = 0 LEFT JOIN documents d ON d.sha256 = r.document_sha256
				ORDER BY f.id`,
		},
		{
			Name: "document_fields", Title: "文件字段来源 document fields",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"}, {"field", "string", "title, issuer, doc_number, kind, date, period, province, attachments"},
				{"confidence", "number", "0-1: how likely the field is right, from its evidence"}, {"rule", "string", "what produced it"},
				{"quote", "string", ""}, {"span_start", "integer", ""}, {"span_end", "integer", ""}},
			PrimaryKey:  []string{docFK, "field"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), f.field, f.confidence, f.rule, f.quote, f.span_start, f.span_end
				FROM document_fields f JOIN documents d ON d.id = f.document_id ORDER BY d.sha256, f.field`,
		},
		{
			Name: "document_parts", Title: "公文要素 document parts (GB/T 9704)",
			Fields: []Field{{docFK, "string", "sha256 of the document"}, {"document_title", "string", "the document's title"}, {"file", "string", "the document's file name"},
				{"position", "integer", "reading order within the document"},
				{"role", "string", "版头, 发文字号, 签发人, 标题, 主送, 附件说明, 发文机关署名, 成文日期, 印章, 附注, 附件, 抄送, 印发, 印发机关, 印发日期, 页码"},
				{"page", "integer", "1-based page; 0 when the format has none"}, {"text", "string", ""},
				{"span_start", "integer", ""}, {"span_end", "integer", ""}, {"side", "string", "where a page number sits: left, right, center"}},
			PrimaryKey:  []string{docFK, "position"},
			ForeignKeys: []ForeignKey{fk(docFK, "documents", "sha256")},
			Query: `SELECT d.sha256, d.title, substr(d.path, length(rtrim(d.path, replace(d.path, '/', ''))) + 1), p.position, p.role, p.page, p.text, p.span_start, p.span_end, p.side
				FROM document_parts p JOIN documents d ON d.id = p.document_id ORDER BY d.sha256, p.position`,
		},
	})
}
