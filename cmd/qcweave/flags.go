package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"
)

// errHelp is returned when --help was asked for; the help is printed.
var errHelp = errors.New("help")

// newFlags returns a flag set that prints its usage to e.stdout on --help.
func newFlags(e *env, name, args, summary string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintf(e.stdout, "usage: qcweave %s %s\n\n%s\n", name, args, summary)
		fs.SetOutput(e.stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parse parses args, turning --help into errHelp and errors into usage
// errors.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.Usage()
			return errHelp
		}
		return fmt.Errorf("%w: %s %v", errUsage, fs.Name(), err)
	}
	return nil
}

// dbFlag declares the --db flag every command that opens a store shares,
// and returns the path it names: the flag's value, else $QCWEAVE_DB, else
// qcweave.db.
func dbFlag(e *env, fs *flag.FlagSet) func() string {
	v := fs.String("db", "", "SQLite database (default $QCWEAVE_DB or qcweave.db)")
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

func isTerminal(f *os.File) bool { return term.IsTerminal(int(f.Fd())) }
