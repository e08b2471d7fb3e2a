# envlint — see README.md. Every tool comes through the Go module proxy at a
# pinned version, so a fresh machine needs nothing but Go.
GO           ?= go
STATICCHECK  := honnef.co/go/tools/cmd/staticcheck@v0.8.2
ACTIONLINT   := github.com/rhysd/actionlint/cmd/actionlint@v1.7.12
# GoReleaser builds releases (.goreleaser.yaml); go run compiles it once
# (a large build: minutes on 2 cores), then the build cache has it.
GORELEASER   := github.com/goreleaser/goreleaser/v2@v2.15.1
# What release-check skips: without a Docker daemon (buildx) no image can be
# built by GoReleaser; CI's release-check job has one and sets it empty.
RELEASE_SKIP ?= docker
VERSION      ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS      := -X github.com/envlint/envlint/internal/cli.version=$(VERSION) \
                -X github.com/envlint/envlint/internal/cli.commit=$(shell git rev-parse --short HEAD 2>/dev/null) \
                -X github.com/envlint/envlint/internal/cli.date=$(shell date -u +%Y-%m-%dT%H:%M:%SZ)

# Fuzz targets as package:Func. make test replays their seed corpora (f.Add and
# testdata/fuzz) as ordinary tests, which is deterministic; make fuzz mutates.
FUZZ_TARGETS := internal/parse/dotenv:FuzzParse internal/parse/ctmpl:FuzzParse \
                internal/parse/gostruct:FuzzRead internal/config:FuzzParse \
                internal/value:FuzzCheck internal/secret:FuzzDetect \
                internal/report:FuzzReporters internal/manifest:FuzzRead \
                internal/parse/pyconfig:FuzzParse internal/parse/pyconfig:FuzzConfig \
                internal/parse/compose:FuzzLoad internal/parse/dockerfile:FuzzParse \
                internal/parse/vaultagent:FuzzParse internal/parse/ctmpl:FuzzDifferential \
                internal/parse/nomad:FuzzParse internal/parse/kube:FuzzParse \
                internal/parse/kustomize:FuzzRead internal/parse/kustomize:FuzzBuild internal/parse/kustomize:FuzzMark \
                internal/parse/helm:FuzzLoad
FUZZTIME     ?= 60s

.PHONY: all build test unit lint demo docs fmt bench fuzz release release-check image

all: build test lint

build:
	$(GO) build -tags kustomize_disable_go_plugin_support -ldflags "$(LDFLAGS)" -o bin/envlint ./cmd/envlint

## test: every test (unit, differential, end-to-end, fuzz seed corpora), with the race
## detector. Deterministic: no open-ended fuzzing here (that is make fuzz and the
## scheduled fuzz workflow), so a red gate means a real failure.
test: unit

unit:
	$(GO) test -race -count=1 ./...

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

## lint: formatting, go.mod tidiness, vet, staticcheck, actionlint and docs drift.
lint:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	$(GO) run $(ACTIONLINT) .github/workflows/*.yml
	$(GO) run ./internal/gendocs -check

## docs: regenerate docs/rules.md and the README's rules table.
docs:
	$(GO) run ./internal/gendocs

## release-check: goreleaser check, a snapshot release in dist/ (every archive,
## checksums, SBOMs; the image unless RELEASE_SKIP is empty), then the
## Action's install script on the snapshot: download, verify, run.
release-check:
	$(GO) run $(GORELEASER) check
	$(GO) run $(GORELEASER) release --snapshot --clean $(if $(RELEASE_SKIP),--skip=$(RELEASE_SKIP))
	scripts/release-check.sh

## release: publish a release from a tag (the release workflow runs this).
release:
	$(GO) run $(GORELEASER) release --clean

## image: build the container image from the snapshot's linux binaries with
## buildah, which needs no Docker daemon (make release-check first).
image:
	scripts/build-image.sh

## bench: time envlint on generated 1k/10k/50k-file monorepos against gofmt -l (see docs/performance.md).
bench:
	scripts/bench.sh

fmt:
	gofmt -w $$(git ls-files '*.go')
