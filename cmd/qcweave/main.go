// Command qcweave turns Chinese notices and bulletins about medical
// quality-control centers into a checked SQLite store and datasets.
//
// Usage:
//
//	qcweave extract FILE
//	qcweave ingest [--db PATH] [--json] [--workers N] FILE|DIR...
//	qcweave check [--db PATH] [--json] [--ack ID]
//	qcweave export [--db PATH] --format csv|json --out DIR
//	qcweave report [--db PATH] --out FILE.html
//	qcweave watch [--db PATH] DIR
//	qcweave dict [--db PATH] add KIND ALIAS TARGET | remove KIND ALIAS | list
//	qcweave serve [--db PATH] [--addr 127.0.0.1:8080] [--read-only] [--reviewer NAME]
//
//	qcweave --version
//
// Exit status: 0 on success, 1 when the command failed (an ingest where no
// file could be stored included), 2 on a usage error (a missing store
// included), 3 when some inputs could not be read but the rest was stored,
// 130 when interrupted.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"qcweave/formats"
	"qcweave/formats/ocr"
	"qcweave/internal/oneline"
)

// Exit codes.
const (
	exitOK          = 0
	exitFailure     = 1
	exitUsage       = 2
	exitPartial     = 3
	exitInterrupted = 130
)

// env is what a command reads and writes besides its arguments, so that
// tests can run commands in-process.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	stderrIsTTY    bool
	// now is the clock of progress lines (nil: time.Now).
	now func() time.Time
	// helper is set when this executable can serve as the PDF helper.
	helper bool
}

// errUsage marks errors that should exit with the usage code.
var errUsage = errors.New("usage")

// errPartial marks runs where some inputs failed but the others succeeded.
var errPartial = errors.New("some inputs failed")

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"extract", "parse one file and print its records as JSON (touches no store)", runExtract},
		{"ingest", "parse files and folders into the SQLite store", runIngest},
		{"check", "list the findings of the store, within and across documents", runCheck},
		{"export", "write the datasets as CSV, JSON or an Excel workbook, or the corrections as answer keys", runExport},
		{"report", "write a self-contained HTML report", runReport},
		{"dict", "add to the user dictionary and resolve the store again", runDict},
		{"watch", "ingest every file dropped into a folder", runWatch},
		{"serve", "serve the review workbench (a local web app) over the store", runServe},
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: qcweave COMMAND [options] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nRun 'qcweave COMMAND --help' for a command's options; 'qcweave --version' for the version.")
}

// helperCommand is the hidden command the PDF reader runs in a child
// process (see formats.Loader.PDFHelper).
const helperCommand = "pdf-helper"

func main() {
	if len(os.Args) == 2 && os.Args[1] == helperCommand {
		if err := formats.ServePDFHelper(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "qcweave pdf-helper:", err)
			os.Exit(1)
		}
		return
	}
	if os.Getenv("GOGC") == "" && len(os.Args) > 1 {
		// reading documents allocates many short-lived strings: ingest and
		// watch trade some memory for less collection; the other commands
		// stream rows and keep the default. All within a soft limit.
		if os.Args[1] == "ingest" || os.Args[1] == "watch" || os.Args[1] == "extract" {
			debug.SetGCPercent(400)
		}
		debug.SetMemoryLimit(256 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	e := &env{stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, stderrIsTTY: isTerminal(os.Stderr), helper: true}
	os.Exit(run(ctx, e, os.Args[1:]))
}

// run executes one command line and returns the exit code.
func run(ctx context.Context, e *env, args []string) int {
	if len(args) > 0 && (args[0] == "--version" || args[0] == "-version" || args[0] == "version") {
		fmt.Fprintln(e.stdout, versionLine())
		return exitOK
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(e.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		switch {
		case err == nil:
			return exitOK
		case errors.Is(err, errHelp):
			return exitOK
		case errors.Is(err, errUsage), errors.Is(err, errNoStore):
			fmt.Fprintln(e.stderr, "qcweave:", oneline.Line(err.Error()))
			return exitUsage
		case ctx.Err() != nil:
			fmt.Fprintln(e.stderr, "qcweave: interrupted")
			return exitInterrupted
		case errors.Is(err, errPartial):
			fmt.Fprintln(e.stderr, "qcweave:", oneline.Line(err.Error()))
			return exitPartial
		default:
			fmt.Fprintln(e.stderr, "qcweave:", oneline.Line(err.Error()))
			return exitFailure
		}
	}
	fmt.Fprintf(e.stderr, "qcweave: unknown command %q\n", args[0])
	usage(e.stderr)
	return exitUsage
}

// newLoader returns the loader of the commands: PDFs are read in a child
// process of this executable; poppler's pdftotext, when installed, is the
// fallback engine, and tesseract (with poppler's image tools) reads scans,
// telling the pages it read to onPages when it is not nil.
func newLoader(e *env, onPages func(done, total int)) *formats.Loader {
	l := &formats.Loader{}
	if exe, err := os.Executable(); err == nil && e.helper {
		l.PDFHelper = []string{exe, helperCommand}
	}
	if p, err := exec.LookPath("pdftotext"); err == nil && e.getenv("QCWEAVE_NO_PDFTOTEXT") == "" {
		l.Pdftotext = p
	}
	if e.getenv("QCWEAVE_NO_OCR") == "" {
		if eng, ok := ocr.Find(); ok {
			eng.Progress = onPages
			l.OCR = &eng
		}
	}
	return l
}
