package store

import (
	"context"
	"fmt"
)

// ErrorPaths returns the paths kept in the error log.
func (s *Store) ErrorPaths(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT DISTINCT path FROM ingest_errors ORDER BY path")
	if err != nil {
		return nil, fmt.Errorf("store: error log: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var p string
		if err := rows.Scan(&p); err != nil {
			return nil, fmt.Errorf("store: error log: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// ForgetErrors removes paths from the error log (files since stored, or
// gone), in one transaction.
func (s *Store) ForgetErrors(ctx context.Context, paths []string) error {
	if len(paths) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: error log: %w", err)
	}
	defer tx.Rollback()
	for _, p := range paths {
		if _, err := tx.ExecContext(ctx, "DELETE FROM ingest_errors WHERE path = ?", p); err != nil {
			return fmt.Errorf("store: error log: %w", err)
		}
	}
	return tx.Commit()
}
