# envlint — see README.md. Every tool comes through the Go module proxy at a
# pinned version, so a fresh machine needs nothing but Go.
GO           ?= go
STATICCHECK  := honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT   := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
VERSION      ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS      := -X github.com/envlint/envlint/internal/cli.version=$(VERSION) \
                -X github.com/envlint/envlint/internal/cli.commit=$(shell git rev-parse --short HEAD 2>/dev/null) \
                -X github.com/envlint/envlint/internal/cli.date=$(shell date -u +%Y-%m-%dT%H:%M:%SZ)

# Fuzz targets as package:Func. make test runs each briefly; make fuzz longer.
# FUZZ_LONG targets run only in make fuzz: make test runs their fixed seed
# corpus as ordinary tests instead.
FUZZ_LONG    ?= internal/parse/ctmpl:FuzzDifferential
FUZZ_TARGETS := internal/parse/dotenv:FuzzParse internal/parse/ctmpl:FuzzParse \
                internal/parse/gostruct:FuzzRead internal/config:FuzzParse \
                internal/value:FuzzCheck internal/secret:FuzzDetect \
                internal/report:FuzzReporters internal/manifest:FuzzRead \
                $(FUZZ_LONG)
FUZZTIME     ?= 60s

.PHONY: all build test unit fuzz-short lint demo docs fmt bench fuzz

all: build test lint

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o bin/envlint ./cmd/envlint

## test: every test (unit, differential, end-to-end), then 10 s of fuzzing per target.
test: unit fuzz-short

unit:
	$(GO) test -race -count=1 ./...

fuzz-short:
	@$(MAKE) --no-print-directory fuzz FUZZTIME=10s FUZZ_LONG=

## fuzz: run every fuzz target for FUZZTIME (default 60s); crashers land in the package's testdata/fuzz.
fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; fn=$${t##*:}; \
		echo "fuzz $$pkg $$fn ($(FUZZTIME))"; \
		$(GO) test -run='^$$' -fuzz="^$$fn\$$" -fuzztime=$(FUZZTIME) ./$$pkg; \
	done

## demo: run envlint on the sample repository (exits 1: it has planted drift).
demo:
	$(GO) run ./cmd/envlint -C testdata/demo --diff

## lint: formatting, vet, staticcheck, actionlint and docs drift.
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml
	$(GO) run ./internal/gendocs -check

## docs: regenerate docs/rules.md and the README's rules table.
docs:
	$(GO) run ./internal/gendocs

## bench: time envlint on generated 1k/10k/50k-file monorepos against gofmt -l (see docs/performance.md).
bench:
	scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')
