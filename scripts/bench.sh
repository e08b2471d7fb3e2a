#!/usr/bin/env bash
# bench.sh — how envlint's cost grows with a monorepo, against `gofmt -l`.
#
# Usage: scripts/bench.sh [WORKDIR]        (or: make bench)
#
# Generates synthetic monorepos of 1k, 10k and 50k Go files with
# internal/benchgen under WORKDIR (default /tmp/envlint-bench; kept between
# runs and regenerated only when the generator's flags change), builds
# envlint, and times `envlint -C TREE check` against `gofmt -l TREE`, which
# reads and parses every Go file once. Then it times `envlint version`
# against `envlint check` on testdata/demo. Prints markdown tables.
#
# Environment: SIZES (default "1k 10k 50k"), RUNS (envlint runs per tree,
# default 10), GOFMT_RUNS (default 3; 2 for the 50k tree), GOMAXPROCS.
# Wall times come from hyperfine (installed with apt-get when missing, else
# a plain timing loop); peak RSS from GNU time (likewise).
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
work=${1:-${BENCH_DIR:-/tmp/envlint-bench}}
sizes=${SIZES:-"1k 10k 50k"}
runs=${RUNS:-10}
gofmt_runs=${GOFMT_RUNS:-3}
mkdir -p "$work"

need() { # need COMMAND PACKAGE: install a Debian package if the command is missing
	command -v "$1" >/dev/null 2>&1 && return 0
	[ -x "/usr/bin/$1" ] && return 0
	if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
		echo "installing $2..." >&2
		apt-get install -y -qq "$2" >/dev/null 2>&1 ||
			{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq "$2" >/dev/null 2>&1; } || true
	fi
	command -v "$1" >/dev/null 2>&1
}
have_hyperfine=0
need hyperfine hyperfine && have_hyperfine=1
need /usr/bin/time time || { echo "bench.sh: GNU time (/usr/bin/time) is needed for peak RSS" >&2; exit 1; }

# measure RUNS WARMUP CMD...: prints "mean_ms stddev_ms cpu_ms": the
# command's mean wall time, its standard deviation, and its mean CPU time
# (user + system; "-" without hyperfine), which a busy machine disturbs less
# than the wall time. The command must be a plain argv (no shell).
measure() {
	local n=$1 warm=$2
	shift 2
	if [ "$have_hyperfine" = 1 ]; then
		local csv="$work/hyperfine.csv"
		hyperfine -N -i --style none --warmup "$warm" --runs "$n" --export-csv "$csv" -- "$(printf '%q ' "$@")" >/dev/null 2>&1
		awk -F, 'NR==2 { printf "%.1f %.1f %.1f\n", $2*1000, $3*1000, ($5+$6)*1000 }' "$csv"
		return
	fi
	local i t0 t1 ts=()
	for ((i = 0; i < warm; i++)); do "$@" >/dev/null 2>&1 || true; done
	for ((i = 0; i < n; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		t1=$(date +%s%N)
		ts+=($(((t1 - t0) / 1000)))
	done
	printf '%s\n' "${ts[@]}" | awk '{ s += $1; ss += $1*$1; n++ } END { m = s/n; v = ss/n - m*m; if (v < 0) v = 0; printf "%.1f %.1f -\n", m/1000, sqrt(v)/1000 }'
}

# peak_rss CMD...: the command's peak resident set, in MB.
peak_rss() {
	/usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$work/rss" | awk '{ printf "%.1f", $1/1024 }'
}

echo "building envlint..." >&2
go build -o "$work/envlint" ./cmd/envlint
envlint=$work/envlint

# Tree shapes: benchgen writes 2 Go files per service and -files per
# unrelated package, so these are exactly 1,000, 10,000 and 50,000 files.
shape() {
	case $1 in
	1k) echo "-services 5 -unrelated 198 -files 5" ;;
	10k) echo "-services 20 -unrelated 1992 -files 5" ;;
	50k) echo "-services 100 -unrelated 9960 -files 5" ;;
	*) echo "bench.sh: unknown size $1 (want 1k, 10k or 50k)" >&2; exit 2 ;;
	esac
}

results=()
for size in $sizes; do
	flags=$(shape "$size")
	tree=$work/tree-$size
	stamp="benchgen $flags $(git -C "$repo" hash-object internal/benchgen/main.go 2>/dev/null || true)"
	if [ "$(cat "$tree.stamp" 2>/dev/null || true)" != "$stamp" ]; then
		echo "generating $size tree..." >&2
		rm -rf "$tree" "$tree.stamp"
		# shellcheck disable=SC2086
		go run ./internal/benchgen -out "$tree" $flags >&2
		echo "$stamp" >"$tree.stamp"
	fi
	files=$(find "$tree" -name '*.go' | wc -l)
	mb=$(find "$tree" -name '*.go' -print0 | du -cb --files0-from=- | awk 'END { printf "%.0f", $1/1e6 }')
	# The tree lints clean: anything else is a bug worth seeing, not timing.
	if ! out=$("$envlint" -C "$tree" check 2>&1); then
		echo "bench.sh: envlint check on the $size tree did not pass:" >&2
		echo "$out" | tail -5 >&2
		exit 1
	fi
	echo "timing $size tree ($files Go files)..." >&2
	read -r e_mean e_sd e_cpu < <(measure "$runs" 2 "$envlint" -C "$tree" check)
	e_rss=$(peak_rss "$envlint" -C "$tree" check)
	n=$gofmt_runs
	warm=1
	if [ "$size" = 50k ]; then n=$((gofmt_runs < 2 ? gofmt_runs : 2)) warm=0; fi
	read -r g_mean g_sd g_cpu < <(measure "$n" "$warm" gofmt -l "$tree")
	g_rss=$(peak_rss gofmt -l "$tree")
	ratio=$(awk -v e="$e_mean" -v g="$g_mean" 'BEGIN { printf "%.1f%%", 100*e/g }')
	cpu_ratio=$(awk -v e="$e_cpu" -v g="$g_cpu" 'BEGIN { if (g+0 > 0) printf "%.1f%%", 100*e/g; else print "-" }')
	results+=("| $size | $files | $mb | $e_mean ± $e_sd | $e_cpu | $e_rss | $g_mean ± $g_sd | $g_cpu | $g_rss | $ratio | $cpu_ratio |")
done

echo "timing testdata/demo..." >&2
read -r v_mean v_sd v_cpu < <(measure 50 5 "$envlint" version)
read -r c_mean c_sd c_cpu < <(measure 50 5 "$envlint" -C testdata/demo check)
v_rss=$(peak_rss "$envlint" version)
c_rss=$(peak_rss "$envlint" -C testdata/demo check)

timer=hyperfine
[ "$have_hyperfine" = 1 ] || timer="a shell timing loop"
echo
echo "envlint $(git -C "$repo" describe --always --dirty 2>/dev/null || echo devel), $(go version | cut -d' ' -f3), $(nproc) CPUs, GOMAXPROCS=${GOMAXPROCS:-default}; wall times by $timer (mean ± σ), peak RSS by GNU time"
echo
echo "| tree | Go files | MB of Go | envlint check wall (ms) | CPU (ms) | peak RSS (MB) | gofmt -l wall (ms) | CPU (ms) | peak RSS (MB) | envlint/gofmt wall | CPU |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${results[@]}"
echo
echo "| testdata/demo | wall (ms) | CPU (ms) | peak RSS (MB) |"
echo "|---|---:|---:|---:|"
echo "| envlint version | $v_mean ± $v_sd | $v_cpu | $v_rss |"
echo "| envlint check | $c_mean ± $c_sd | $c_cpu | $c_rss |"
echo "| check / version | $(awk -v c="$c_mean" -v v="$v_mean" 'BEGIN { printf "%.2f×", c/v }') | $(awk -v c="$c_cpu" -v v="$v_cpu" 'BEGIN { if (v+0 > 0) printf "%.2f×", c/v; else print "-" }') | |"
