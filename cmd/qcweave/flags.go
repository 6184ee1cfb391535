package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// errHelp is returned when --help was asked for; the help is printed.
var errHelp = errors.New("help")

// newFlags returns a flag set that prints its usage to e.stdout on --help,
// once, with the flags spelled as they are typed (--db PATH).
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "usage: qcweave %s %s\n\n%s\n", name, args, summary)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 { // a command without options lists none
			fmt.Fprint(e.stdout, "\noptions:\n")
			printFlags(e.stdout, fs)
		}
	}
	return fs
}

// printFlags lists the flags of fs as "  --name VALUE  usage", the value's
// name taken from a `backquoted` word of the usage as the flag package
// does, and the default shown when it is not the zero value.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	type line struct{ left, usage string }
	var lines []line
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		left := "--" + f.Name
		if len(f.Name) == 1 {
			left = "-" + f.Name
		}
		if name != "" {
			if name == "value" || name == "string" {
				name = strings.ToUpper(f.Name)
			}
			left += " " + name
		}
		if d := f.DefValue; d != "" && d != "false" && d != "0" && d != "[]" {
			usage += " (default " + d + ")"
		}
		lines = append(lines, line{left, usage})
		width = max(width, len(left))
	})
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.left, strings.ReplaceAll(l.usage, "\n", "\n"+strings.Repeat(" ", width+4)))
	}
}

// parse parses args, turning --help into errHelp (the flag package has
// printed the help) and errors into usage errors. Options may come after
// the arguments too (ingest DIR -v --db x.db), as most commands allow: the
// flag package alone would stop at DIR and take -v, --db and x.db for
// files. After --, everything is an argument (ingest -- -v.txt).
func parse(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := parseFlags(fs, args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// the arguments, for fs.Args (a parse that starts with -- sets no flag)
	return fs.Parse(append([]string{"--"}, pos...))
}

// parseFlags is one run of the flag package over args.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return errHelp
		}
		msg := err.Error()
		if rest, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
			msg = "unknown option -" + rest
		}
		msg = strings.ReplaceAll(msg, " flag -", " option --")
		return fmt.Errorf("%w: %s: %s (qcweave %s --help lists the options)", errUsage, fs.Name(), msg, fs.Name())
	}
	return nil
}

// dbFlag declares the --db flag every command that opens a store shares,
// and returns the path it names: the flag's value, else $QCWEAVE_DB, else
// qcweave.db.
func dbFlag(e *env, fs *flag.FlagSet) func() string {
	v := fs.String("db", "", "`PATH` of the SQLite store (default $QCWEAVE_DB, else qcweave.db)")
	return func() string {
		if *v != "" {
			return *v
		}
		if p := e.getenv("QCWEAVE_DB"); p != "" {
			return p
		}
		return "qcweave.db"
	}
}

// verbosity is how much a command tells on stderr.
type verbosity int

const (
	quiet   verbosity = -1 // errors only
	normal  verbosity = 0  // progress and the summary
	verbose verbosity = 1  // and a line per file
)

// verbosityFlags declares -q/--quiet and -v/--verbose.
func verbosityFlags(fs *flag.FlagSet) func() verbosity {
	var q, v bool
	fs.BoolVar(&q, "q", false, "quiet: print errors only (no progress, no summary)")
	fs.BoolVar(&q, "quiet", false, "same as -q")
	fs.BoolVar(&v, "v", false, "verbose: a line per file as it is done")
	fs.BoolVar(&v, "verbose", false, "same as -v")
	return func() verbosity {
		switch {
		case q:
			return quiet
		case v:
			return verbose
		}
		return normal
	}
}

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
