// Command generalzh generates dictionaries/general_zh.txt, the compact
// general Chinese word list the segmenter loads beside the domain
// dictionaries: every single character and the most frequent two- to
// four-character words of gse's simplified-Chinese dictionary (single
// characters carry the frequencies that let a name beside a title cut as
// 李|明|教授 rather than 李|明教|授) (github.com/go-ego/gse data/dict/zh/s_1.txt,
// Apache-2.0).
//
// Usage:
//
//	go run ./dictionaries/gen/generalzh "$(go list -m -f '{{.Dir}}' github.com/go-ego/gse)/data/dict/zh/s_1.txt" > dictionaries/general_zh.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"
)

// keep is how many words the compact dictionary holds: enough for the
// function words and verbs of official prose, small enough to load in a few
// milliseconds.
const keep = 40000

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: generalzh PATH/TO/s_1.txt > general_zh.txt")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "generalzh:", err)
		os.Exit(1)
	}
}

type word struct {
	text string
	freq int
	pos  string
}

func run(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	defer f.Close()
	var words, singles []word
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) < 2 {
			continue
		}
		n, err := strconv.Atoi(fields[1])
		if err != nil {
			continue
		}
		r := []rune(fields[0])
		if len(r) > 4 || !allHan(r) {
			continue
		}
		pos := ""
		if len(fields) > 2 {
			pos = fields[2]
		}
		if len(r) == 1 {
			singles = append(singles, word{fields[0], n, pos})
			continue
		}
		if pos == "nr" || pos == "nrfg" || pos == "nrt" {
			continue // person names come from the text, not from a list
		}
		words = append(words, word{fields[0], n, pos})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	sort.SliceStable(words, func(i, j int) bool {
		if words[i].freq != words[j].freq {
			return words[i].freq > words[j].freq
		}
		return words[i].text < words[j].text
	})
	if len(words) > keep {
		words = words[:keep]
	}
	words = append(words, singles...)
	sort.Slice(words, func(i, j int) bool { return words[i].text < words[j].text })
	w := bufio.NewWriter(os.Stdout)
	for _, x := range words {
		fmt.Fprintf(w, "%s %d %s\n", x.text, x.freq, x.pos)
	}
	return w.Flush()
}

func allHan(r []rune) bool {
	for _, c := range r {
		if !unicode.Is(unicode.Han, c) {
			return false
		}
	}
	return true
}
