package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"qcweave/document"
	"qcweave/extractors"
	"qcweave/formats"
	"qcweave/internal/oneline"
	"qcweave/record"
	"qcweave/resolve"
	"qcweave/store"
)

// Status of one file after a run.
const (
	Stored    = "stored"    // extracted and written
	Unchanged = "unchanged" // same content already stored by this extractor version
	Failed    = "failed"    // could not be read; see Err
)

// Result is what happened to one file.
type Result struct {
	Path   string
	SHA256 string
	Status string
	Err    error
	// Records counts what was extracted (for Stored).
	Counts, Centers, Coverage, Activities, Findings int
}

// Config configures a run.
type Config struct {
	// Workers is the number of load/extract workers; 0 means
	// DefaultWorkers.
	Workers  int
	Tools    *extractors.Tools
	Resolver *resolve.Resolver
	Store    *store.Store
	// Loader reads files (nil: the zero formats.Loader).
	Loader *formats.Loader
	// Exclude lists files never to ingest (the database and its WAL files
	// when they lie inside an ingested folder).
	Exclude []string
	// OnResult, when set, is called from the writer for every file as it
	// finishes, in completion order.
	OnResult func(done, total int, r Result)
	// Filter chooses the files of folders.
	Filter Filter
}

// DefaultWorkers is one worker per core and two more: a worker waits while
// its PDF is read in a helper process, and the extra workers keep the
// cores busy meanwhile.
func DefaultWorkers() int { return runtime.NumCPU() + 2 }

// extracted is one processed file on its way to the writer.
type extracted struct {
	res Result
	ex  *record.Extraction
	doc *document.Document
}

// Run ingests paths into cfg.Store and returns one result per file, in
// discovery order. It returns an error only when the run itself failed
// (cancellation, the store); file errors are in the results.
func Run(ctx context.Context, cfg Config, paths []string) ([]Result, error) {
	files, bad := Discover(ctx, paths, cfg.Filter)
	files = exclude(files, cfg.Exclude)
	workers := cfg.Workers
	if workers <= 0 {
		workers = DefaultWorkers()
	}
	total := len(files) + len(bad)
	results := make(map[string]Result, total)
	done := 0
	report := func(r Result) {
		results[r.Path] = r
		done++
		if cfg.OnResult != nil {
			cfg.OnResult(done, total, r)
		}
	}
	logged, err := errorLog(ctx, cfg.Store, paths)
	if err != nil {
		return nil, err
	}
	for _, r := range bad {
		report(r)
		if errors.Is(r.Err, fs.ErrNotExist) {
			continue // nothing there to keep a note of: a typo is no file that failed
		}
		if err := cfg.Store.RecordError(ctx, r.Path, "", r.Err.Error()); err != nil {
			return nil, err
		}
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	paths2 := make(chan string)
	out := make(chan extracted, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range paths2 {
				e := process(ctx, cfg, p)
				select {
				case out <- e:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		defer close(paths2)
		for _, p := range files {
			select {
			case paths2 <- p:
			case <-ctx.Done():
				return
			}
		}
	}()
	go func() { wg.Wait(); close(out) }()

	var runErr error
	for group := range groups(out, maxGroup, groupWait) {
		if runErr != nil {
			continue // drain
		}
		// the documents ready together are stored in one transaction
		var items []store.Item
		for _, e := range group {
			if e.ex != nil {
				items = append(items, store.Item{Doc: e.doc, Extraction: e.ex})
			}
		}
		if err := cfg.Store.SaveAll(ctx, items, extractors.Version); err != nil {
			if ctx.Err() != nil {
				runErr = ctx.Err()
			} else {
				runErr = err
			}
			cancel()
			continue
		}
		var forget []string
		for _, e := range group {
			if logged[e.res.Path] {
				forget = append(forget, e.res.Path) // stored now, or failed again for today's reason
			}
		}
		if err := cfg.Store.ForgetErrors(ctx, forget); err != nil && runErr == nil {
			runErr = err
		}
		for _, e := range group {
			if runErr == nil {
				runErr = settle(ctx, cfg, e.res, report)
			}
		}
		if runErr != nil {
			cancel()
		}
	}
	if runErr == nil {
		runErr = ctx.Err()
	}
	list := make([]Result, 0, len(results))
	for _, p := range append(badPaths(bad), files...) {
		if r, ok := results[p]; ok {
			list = append(list, r)
		}
	}
	return list, runErr
}

// errorLog returns the paths of the store's error log, after forgetting
// those that no longer exist below one of the paths ingested now (a file
// since deleted or renamed; paths elsewhere may be relative to another
// working folder and are left alone).
func errorLog(ctx context.Context, st *store.Store, paths []string) (map[string]bool, error) {
	logged, err := st.ErrorPaths(ctx)
	if err != nil {
		return nil, err
	}
	set := map[string]bool{}
	var gone []string
	for _, p := range logged {
		if _, err := os.Lstat(p); errors.Is(err, fs.ErrNotExist) && below(p, paths) {
			gone = append(gone, p)
			continue
		}
		set[p] = true
	}
	return set, st.ForgetErrors(ctx, gone)
}

// below reports whether path is one of roots or lies below one.
func below(path string, roots []string) bool {
	for _, r := range roots {
		rel, err := filepath.Rel(r, path)
		if err == nil && rel != ".." && !strings.HasPrefix(rel, "../") {
			return true
		}
	}
	return false
}

// A group of documents stored in one transaction: at most maxGroup, and
// what arrives within groupWait of its first. One transaction a document
// would write the full-text index's new segment and the shared pages a
// hundred times for a hundred small notices.
const (
	maxGroup  = 32
	groupWait = 100 * time.Millisecond
)

// groups passes on the extractions of out in groups: each holds one and
// those that arrive within wait of it, up to max.
func groups(out <-chan extracted, max int, wait time.Duration) <-chan []extracted {
	gs := make(chan []extracted)
	go func() {
		defer close(gs)
		for e := range out {
			group := []extracted{e}
			timer := time.NewTimer(wait)
		more:
			for len(group) < max {
				select {
				case e2, ok := <-out:
					if !ok {
						break more
					}
					group = append(group, e2)
				case <-timer.C:
					break more
				}
			}
			timer.Stop()
			gs <- group
		}
	}()
	return gs
}

// settle finishes a file after its group is stored: a failed file goes to
// the error log; then it is reported.
func settle(ctx context.Context, cfg Config, r Result, report func(Result)) error {
	if r.Status == Failed {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := cfg.Store.RecordError(ctx, r.Path, r.SHA256, r.Reason()); err != nil {
			return err
		}
	}
	report(r)
	return nil
}

func badPaths(bad []Result) []string {
	out := make([]string, len(bad))
	for i, r := range bad {
		out[i] = r.Path
	}
	return out
}

// Reason is the result's error as one line naming its file: wherever the
// message names the file, its path is written by oneline.Path (quoted
// when it holds a line break or another control character), so that the
// reason after it is not lost when the line is cut.
func (r Result) Reason() string {
	if r.Err == nil {
		return ""
	}
	s := r.Err.Error()
	if d := oneline.Path(r.Path); r.Path != "" && d != r.Path {
		s = strings.ReplaceAll(s, r.Path, d)
	}
	return Reason(errors.New(s))
}

// Reason is an error as one line, for a file's report.
func Reason(err error) string {
	if err == nil {
		return ""
	}
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// MaxText bounds the text of one document, in characters (runes) of its
// normalized text. A notice, a bulletin or a compendium of them is far
// shorter (the longest of the shared corpus holds 118 593); a file of
// more is refused in one line instead of being stored at the cost of its
// full-text index, which SQLite builds in memory while it writes the
// document: some 300 MB and 3 s for a million characters of varied
// Chinese, 3.5 GB and minutes for 50 MB of it.
const MaxText = 1 << 20

// ErrTextTooLong is returned for a file of more than MaxText characters
// of text.
var ErrTextTooLong = errors.New("more text than a document holds")

// textFileSize refuses a text file that surely holds more than MaxText
// characters (more than 4 bytes a character, the most any encoding it
// reads takes), and a web page whose text outside its markup does, before
// either is decoded and laid out (a page of 50 MB costs some 800 MB to
// lay out).
func textFileSize(b []byte) error {
	if len(b) <= MaxText {
		return nil
	}
	switch formats.Sniff(b) {
	case "txt":
		if len(b) > 4*MaxText {
			return fmt.Errorf("%w: a text file of %.1f MB (at most %d characters are read)", ErrTextTooLong, float64(len(b))/(1<<20), MaxText)
		}
	case "html":
		if n := pageText(b, MaxText); n > MaxText {
			return fmt.Errorf("%w: a web page of %.1f MB with more than %d characters of text (at most %d are read)", ErrTextTooLong, float64(len(b))/(1<<20), MaxText, MaxText)
		}
	}
	return nil
}

// pageText counts, up to a little past limit, the characters of a web
// page's text that are no space: outside tags, comments, scripts and
// styles, an entity (&#19968;) one character, a byte that is no UTF-8
// (a page in GBK) half of one. It never counts more than the page shows.
func pageText(b []byte, limit int) int {
	n, odd := 0, 0
	for i := 0; i < len(b) && n+odd/2 <= limit; {
		switch c := b[i]; {
		case c == '<':
			rest := b[i:]
			end := ">"
			switch {
			case bytes.HasPrefix(rest, []byte("<!--")):
				end = "-->"
			case hasPrefixFold(rest, "<script"):
				end = "</script"
			case hasPrefixFold(rest, "<style"):
				end = "</style"
			}
			j := indexFold(rest[1:], end)
			if j < 0 {
				return n + odd/2
			}
			i += 1 + j + len(end)
			if end[0] == '<' { // the rest of the closing tag
				if k := bytes.IndexByte(b[i:], '>'); k >= 0 {
					i += k + 1
				}
			}
		case c == '&':
			j := bytes.IndexByte(b[i:min(i+12, len(b))], ';')
			if j < 0 {
				j = 0
			}
			n++
			i += j + 1
		case c < utf8.RuneSelf:
			if c > ' ' {
				n++
			}
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			switch {
			case r == utf8.RuneError && size == 1:
				odd++
			case !unicode.IsSpace(r):
				n++
			}
			i += size
		}
	}
	return n + odd/2
}

// hasPrefixFold reports whether b begins with the ASCII prefix p, in any
// case.
func hasPrefixFold(b []byte, p string) bool {
	return len(b) >= len(p) && bytes.EqualFold(b[:len(p)], []byte(p))
}

// indexFold returns the index of sep in b, or -1; a sep that begins with
// '<' (a closing tag) is matched in any case.
func indexFold(b []byte, sep string) int {
	if sep[0] != '<' {
		return bytes.Index(b, []byte(sep))
	}
	for i := 0; ; {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 {
			return -1
		}
		if hasPrefixFold(b[i+j:], sep) {
			return i + j
		}
		i += j + 1
	}
}

// textLength refuses a document of more than MaxText characters of text.
func textLength(doc *document.Document) error {
	if n := utf8.RuneCountInString(doc.Text); n > MaxText {
		return fmt.Errorf("%w: %d characters of text (at most %d are read)", ErrTextTooLong, n, MaxText)
	}
	return nil
}

// readFile reads the file at path (formats.ReadFile); an error of the
// file system leaves out the operation and path it names, which the
// caller names once: "t.txt: permission denied", not "t.txt: open t.txt:
// permission denied".
func readFile(ctx context.Context, path string) ([]byte, error) {
	b, err := formats.ReadFile(ctx, path, "")
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err
	}
	return b, err
}

// process loads and extracts one file; its error travels in the result.
func process(ctx context.Context, cfg Config, path string) extracted {
	r := Result{Path: path}
	fail := func(err error) extracted {
		r.Status, r.Err = Failed, err
		return extracted{res: r}
	}
	b, err := readFile(ctx, path)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", path, err))
	}
	sum := sha256.Sum256(b)
	r.SHA256 = hex.EncodeToString(sum[:])
	version, ok, err := cfg.Store.Document(ctx, r.SHA256)
	if err != nil {
		return fail(err)
	}
	if ok && version == extractors.Version {
		r.Status = Unchanged
		return extracted{res: r}
	}
	loader := cfg.Loader
	if loader == nil {
		loader = &formats.Loader{}
	}
	if err := textFileSize(b); err != nil {
		return fail(fmt.Errorf("%s: %w", path, err))
	}
	doc, err := loader.LoadHashed(ctx, path, b, r.SHA256)
	if err != nil {
		return fail(fmt.Errorf("%s: %w", path, err))
	}
	if err := textLength(doc); err != nil {
		return fail(fmt.Errorf("%s: %w", path, err))
	}
	ex, err := extractors.Extract(ctx, doc, cfg.Tools)
	if err != nil {
		return fail(err)
	}
	cfg.Resolver.Resolve(ex)
	r.Status = Stored
	r.Counts, r.Centers, r.Coverage, r.Activities, r.Findings = len(ex.Counts), len(ex.Centers), len(ex.Coverage), len(ex.Activities), len(ex.Findings)
	return extracted{res: r, ex: ex, doc: doc}
}

// exclude drops files that are the same file as one of skip.
func exclude(files, skip []string) []string {
	var skipInfo []os.FileInfo
	for _, s := range skip {
		if fi, err := os.Stat(s); err == nil {
			skipInfo = append(skipInfo, fi)
		}
	}
	if len(skipInfo) == 0 {
		return files
	}
	out := files[:0]
	for _, f := range files {
		fi, err := os.Stat(f)
		keep := true
		for _, s := range skipInfo {
			if err == nil && os.SameFile(fi, s) {
				keep = false
			}
		}
		if keep {
			out = append(out, f)
		}
	}
	return out
}
