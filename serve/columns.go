package serve

import (
	"context"
	"fmt"
	"strings"

	"qcweave/store"
)

// columns says which optional columns the store's record tables have:
// a record's confidence and rule, and the boxes of its quote on its page
// (stores made before those columns lack them).
type columns struct {
	confidence map[string]bool // by table
	boxes      map[string]bool
}

func probeColumns(ctx context.Context, st *store.Store) (columns, error) {
	c := columns{confidence: map[string]bool{}, boxes: map[string]bool{}}
	for _, t := range []string{"counts", "center_mentions", "coverage", "activities"} {
		rows, err := st.DB().QueryContext(ctx, "SELECT name FROM pragma_table_info(?)", t)
		if err != nil {
			return c, fmt.Errorf("serve: columns of %s: %w", t, err)
		}
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				rows.Close()
				return c, fmt.Errorf("serve: columns of %s: %w", t, err)
			}
			switch n {
			case "confidence":
				c.confidence[t] = true
			case "boxes":
				c.boxes[t] = true
			}
		}
		rows.Close()
	}
	return c, nil
}

// confExpr is the SQL of a table's confidence (alias a), or NULL.
func (c columns) confExpr(table, alias string) string {
	if c.confidence[table] {
		return alias + ".confidence"
	}
	return "NULL"
}

// boxesExpr is the SQL of a table's boxes (alias a), or NULL.
func (c columns) boxesExpr(table, alias string) string {
	if c.boxes[table] {
		return alias + ".boxes"
	}
	return "NULL"
}

// refConfExpr is the SQL of the lowest confidence of the records whose
// quote a finding's reference (finding_refs, alias r) is: the records of
// its document with the same span. NULL when none is, or the store has no
// confidences.
func (c columns) refConfExpr(r string) string {
	var parts []string
	for _, t := range []string{"counts", "center_mentions", "coverage", "activities"} {
		if c.confidence[t] {
			parts = append(parts, `SELECT x.confidence AS conf FROM `+t+` x WHERE x.document_id = (SELECT id FROM documents WHERE sha256 = `+r+`.document_sha256)
				AND x.span_start = `+r+`.span_start AND x.span_end = `+r+`.span_end`)
		}
	}
	if len(parts) == 0 {
		return "NULL"
	}
	return "(SELECT min(conf) FROM (" + strings.Join(parts, " UNION ALL ") + "))"
}

// findingConfExpr is the SQL of the lowest confidence of the records a
// finding (alias f) quotes, or NULL.
func (c columns) findingConfExpr(f string) string {
	return "(SELECT min(" + c.refConfExpr("rc") + ") FROM finding_refs rc WHERE rc.finding_id = " + f + ".id)"
}
