package serve

import (
	"context"
	"fmt"

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
