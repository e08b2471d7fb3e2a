#!/usr/bin/env bash
# Installs a released envlint binary for the GitHub Action (action.yml):
# downloads the release archive for this runner's OS and architecture,
# verifies it against the release's checksums file, extracts it, and puts
# envlint on the job's PATH. No Go toolchain is needed.
#
#   scripts/action-install.sh VERSION        # e.g. v1.2.3
#
# Environment (all optional):
#   ENVLINT_BASE_URL   where releases are, VERSION/FILE below it
#                      (default https://github.com/envlint/envlint/releases/download;
#                      the tests use a file:// URL)
#   ENVLINT_CACHE_DIR  where archives are kept between runs; action.yml caches
#                      it with actions/cache (default: $RUNNER_TOOL_CACHE/envlint
#                      or ~/.cache/envlint)
#   ENVLINT_INSTALL_DIR  where envlint is extracted (default: a directory per
#                      version and platform under $RUNNER_TEMP or /tmp)
#   RUNNER_OS, RUNNER_ARCH  GitHub's names (Linux|macOS|Windows, X64|ARM64);
#                      uname is asked when they are unset
#   GITHUB_PATH, GITHUB_OUTPUT  set by Actions: the install directory is added
#                      to the PATH of later steps; outputs: path, version
#
# The checksums file is fetched on every run, and a cached archive is checked
# against it before it is used, so a tampered cache fails like a tampered
# download: exit 1, and nothing is installed.
set -euo pipefail

die() {
	echo "envlint install: $*" >&2
	exit 1
}

version=${1:-}
[[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] ||
	die "version must be a release tag such as v1.2.3, not '${version}'"
num=${version#v}
base=${ENVLINT_BASE_URL:-https://github.com/envlint/envlint/releases/download}

os=${RUNNER_OS:-$(uname -s)}
case $os in
Linux | linux) os=linux ;;
macOS | Darwin | darwin) os=darwin ;;
Windows | windows | MINGW* | MSYS* | CYGWIN*) os=windows ;;
*) die "no envlint release for the operating system '$os'" ;;
esac
arch=${RUNNER_ARCH:-$(uname -m)}
case $arch in
X64 | x86_64 | amd64) arch=amd64 ;;
ARM64 | aarch64 | arm64) arch=arm64 ;;
*) die "no envlint release for the architecture '$arch'" ;;
esac

ext=tar.gz exe=envlint
if [[ $os == windows ]]; then
	ext=zip exe=envlint.exe
fi
archive="envlint_${num}_${os}_${arch}.${ext}"
sums="envlint_${num}_checksums.txt"

cache=${ENVLINT_CACHE_DIR:-${RUNNER_TOOL_CACHE:-${HOME:-/tmp}/.cache}/envlint}
install=${ENVLINT_INSTALL_DIR:-${RUNNER_TEMP:-/tmp}/envlint-${num}-${os}-${arch}}
mkdir -p "$cache" "$install"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fetch() { # URL FILE
	curl --fail --silent --show-error --location --retry 3 --proto '=https,file' -o "$2" "$1" ||
		die "cannot download $1"
}

sha256() {
	if command -v sha256sum >/dev/null; then
		sha256sum "$1" | cut -d' ' -f1
	else
		shasum -a 256 "$1" | cut -d' ' -f1
	fi
}

fetch "$base/$version/$sums" "$tmp/$sums"
# The line for our archive: "<64 hex>  <name>" (sha256sum's format).
want=$(awk -v f="$archive" '$2 == f || $2 == "*" f { print $1 }' "$tmp/$sums")
[[ $want =~ ^[0-9a-f]{64}$ ]] || die "$sums has no checksum for $archive"

cached="$cache/$archive"
if [[ -f $cached && $(sha256 "$cached") == "$want" ]]; then
	echo "envlint install: $archive from the cache, checksum verified"
else
	[[ -f $cached ]] && echo "envlint install: the cached $archive does not match $sums; downloading it again"
	fetch "$base/$version/$archive" "$tmp/$archive"
	got=$(sha256 "$tmp/$archive")
	[[ $got == "$want" ]] || die "checksum mismatch for $archive: $sums says $want, the download is $got"
	mv -f "$tmp/$archive" "$cached"
	echo "envlint install: downloaded $archive, checksum verified"
fi

rm -rf "$tmp/x" && mkdir "$tmp/x"
if [[ $ext == zip ]]; then
	if command -v unzip >/dev/null; then
		unzip -q "$cached" -d "$tmp/x"
	else
		7z x -y -o"$tmp/x" "$cached" >/dev/null
	fi
else
	tar -xzf "$cached" -C "$tmp/x"
fi
[[ -f $tmp/x/$exe ]] || die "$archive holds no $exe"
mv -f "$tmp/x/$exe" "$install/$exe"
chmod +x "$install/$exe"

echo "envlint install: $("$install/$exe" --version) in $install"
if [[ -n ${GITHUB_PATH:-} ]]; then
	echo "$install" >>"$GITHUB_PATH"
fi
if [[ -n ${GITHUB_OUTPUT:-} ]]; then
	{
		echo "path=$install/$exe"
		echo "version=$version"
	} >>"$GITHUB_OUTPUT"
fi
