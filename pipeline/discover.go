package pipeline

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"qcweave/formats"
)

// Filter chooses the files that a folder gives: documents, not the
// sidecars that travel with them (notes, answer keys, manifests, editor
// temporaries). Files named one by one are always taken.
type Filter struct {
	// Include, when not empty, takes only the files of a folder that match
	// one of these globs; Exclude leaves out files and folders that match
	// one. A glob without a slash matches a name at any depth, one with a
	// slash the path below the folder given (filepath.Match syntax).
	Include, Exclude []string
	// OnSkip, when set, is called for every file of a folder left out,
	// with the reason.
	OnSkip func(path, reason string)
}

// Reasons for leaving a file of a folder out.
const (
	SkipHidden   = "hidden file"
	SkipTemp     = "editor or download temporary"
	SkipSidecar  = "not a document format"
	SkipFiltered = "excluded by --include/--exclude"
)

// sidecarExt are extensions of text formats that hold data or notes, not
// documents: Markdown, JSON, tables of values, configuration, logs, code.
var sidecarExt = map[string]bool{
	".md": true, ".markdown": true, ".json": true, ".jsonl": true, ".ndjson": true, ".geojson": true,
	".tsv": true, ".csv": true, ".tab": true, ".yaml": true, ".yml": true, ".toml": true, ".ini": true, ".cfg": true,
	".log": true, ".err": true, ".sha256": true, ".sha1": true, ".md5": true, ".sum": true,
	".py": true, ".sh": true, ".go": true, ".js": true, ".css": true, ".sql": true, ".db": true, ".sqlite": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".svg": true, ".webp": true, ".ico": true,
}

// skipReason returns why a file met in a folder is not a document to
// ingest, or "" when it is one: a hidden file, an editor's or browser's
// temporary, a file of a data or notes format (by its extension, or JSON
// by its content), or an SQLite database.
func skipReason(path string) string {
	name := filepath.Base(path)
	lower := strings.ToLower(name)
	switch {
	case strings.HasPrefix(name, "."):
		return SkipHidden
	case strings.HasPrefix(name, "~$"), strings.HasSuffix(name, "~"), strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		strings.HasSuffix(lower, ".swp"), strings.HasSuffix(lower, ".swo"), strings.HasSuffix(lower, ".tmp"),
		strings.HasSuffix(lower, ".part"), strings.HasSuffix(lower, ".crdownload"), strings.HasSuffix(lower, ".download"):
		return SkipTemp
	case sidecarExt[filepath.Ext(lower)]:
		return SkipSidecar
	}
	head, full := readHead(path, 4<<10)
	t := bytes.TrimLeft(head, "\xef\xbb\xbf \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return SkipSidecar
	case len(t) > 0 && (t[0] == '{' || t[0] == '['):
		if full && json.Valid(head) || !full && isJSONFile(path) {
			return SkipSidecar
		}
	}
	return ""
}

// readHead returns up to n bytes of the start of a file, and whether they
// are the whole file.
func readHead(path string, n int) ([]byte, bool) {
	f, err := os.Open(path)
	if err != nil {
		return nil, false
	}
	defer f.Close()
	b := make([]byte, n+1)
	m, _ := io.ReadFull(f, b)
	return b[:min(m, n)], m <= n
}

// isJSONFile reports whether a file (at most 16 MB read) is valid JSON.
func isJSONFile(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	dec := json.NewDecoder(io.LimitReader(f, 16<<20))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return false
	}
	_, err = dec.Token()
	return err == io.EOF
}

// matches reports whether rel (a path below a folder given, with slashes)
// matches one of globs.
func matches(globs []string, rel string) bool {
	for _, g := range globs {
		target := rel
		if !strings.Contains(g, "/") {
			target = rel[strings.LastIndexByte(rel, '/')+1:]
		}
		if ok, _ := filepath.Match(g, target); ok {
			return true
		}
	}
	return false
}

// ValidGlobs returns an error naming the first malformed glob.
func ValidGlobs(globs []string) error {
	for _, g := range globs {
		if _, err := filepath.Match(g, ""); err != nil {
			return fmt.Errorf("glob %q: %w", g, err)
		}
	}
	return nil
}

// Discover expands paths into the files below them, sorted. Files named
// one by one are taken as they are; the files of a folder pass f (hidden
// folders are not entered). A path that does not exist is an error
// result; so is a symbolic link in a folder that leads out of it (one that
// stays inside is followed to its file).
func Discover(ctx context.Context, paths []string, f Filter) ([]string, []Result) {
	var files []string
	var bad []Result
	seen := map[string]bool{}
	skip := func(path, reason string) {
		if f.OnSkip != nil {
			f.OnSkip(path, reason)
		}
	}
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			bad = append(bad, Result{Path: p, Status: Failed, Err: fmt.Errorf("%s: %w", p, pathless(err))})
			continue
		}
		if !info.IsDir() {
			if !seen[p] {
				seen[p] = true
				files = append(files, p)
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				bad = append(bad, Result{Path: path, Status: Failed, Err: fmt.Errorf("%s: %w", path, pathless(err))})
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if path == p {
				return nil
			}
			rel, _ := filepath.Rel(p, path)
			rel = filepath.ToSlash(rel)
			if d.IsDir() {
				if strings.HasPrefix(d.Name(), ".") || matches(f.Exclude, rel) {
					return filepath.SkipDir
				}
				return nil
			}
			if seen[path] {
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				// a link is followed only to a file inside the folder
				if err := formats.Within(path, p); err != nil {
					bad = append(bad, Result{Path: path, Status: Failed, Err: fmt.Errorf("%s: %w", path, err)})
					return nil
				}
				if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
					return nil
				}
			} else if !d.Type().IsRegular() {
				return nil
			}
			if matches(f.Exclude, rel) || len(f.Include) > 0 && !matches(f.Include, rel) {
				skip(path, SkipFiltered)
				return nil
			}
			if r := skipReason(path); r != "" {
				skip(path, r)
				return nil
			}
			seen[path] = true
			files = append(files, path)
			return nil
		})
		if err != nil && ctx.Err() == nil {
			bad = append(bad, Result{Path: p, Status: Failed, Err: fmt.Errorf("%s: %w", p, err)})
		}
	}
	sort.Strings(files)
	return files, bad
}

// pathless is an error of the file system without the operation and path
// it names (the caller names the file once).
func pathless(err error) error {
	if pe, ok := err.(*fs.PathError); ok {
		return pe.Err
	}
	return err
}
