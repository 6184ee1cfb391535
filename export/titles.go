package export

// fieldTitles are the Chinese titles of the datasets' columns, by column
// name: the datapackage's field titles and the workbook's header.
var fieldTitles = map[string]string{
	"sha256": "SHA-256", "path": "路径", "format": "格式", "pages": "页数", "title": "标题", "issuer": "发文机关",
	"doc_number": "发文字号", "kind": "文种", "date": "成文日期", "period_start": "期间起", "period_end": "期间止",
	"province": "省份", "province_code": "省份代码", "superseded_by": "被替代于", "extractor_version": "抽取器版本",
	"document": "文件 SHA-256", "document_title": "文件标题", "file": "文件名",
	"region": "地区", "region_full": "地区全称", "region_code": "地区代码", "level": "级别", "subject": "对象",
	"value": "数量", "qualifier": "限定", "as_of": "截至日期", "ranked": "排名", "quote": "原文",
	"span_start": "起始位置", "span_end": "结束位置", "page": "页码",
	"center_key": "中心键", "name": "名称", "aliases": "别名", "seq": "序号", "specialty": "专业", "specialty_id": "专业代码",
	"institutions": "依托单位", "established": "成立日期", "source": "来源",
	"built": "已组建", "missing": "未组建专业", "missing_ids": "未组建专业代码", "missing_count": "未组建数",
	"center": "质控中心", "start": "开始日期", "end": "结束日期", "places": "地点", "people": "人员", "kinds": "活动类型",
	"participants": "参加人数", "participants_qualifier": "人数限定",
	"id": "编号", "severity": "严重程度", "message": "说明", "acknowledged": "已确认", "other_refs": "其他出处",
	"confidence": "置信度", "rule": "规则", "boxes": "位置框", "ocr_confidence": "OCR 置信度", "corrected": "已更正",
	"host_confidence": "依托单位置信度", "host_rule": "依托单位规则", "field": "字段",
	"position": "顺序", "role": "要素", "text": "文字", "side": "位置",
}

// FieldTitle returns the Chinese title of a column, or its name when it
// has none.
func FieldTitle(name string) string {
	if t, ok := fieldTitles[name]; ok {
		return t
	}
	return name
}
