#!/usr/bin/env bash
# After `goreleaser release --snapshot` (make release-check): checks that
# every archive the Action can ask for exists, lays the files out as a
# GitHub release download URL does (dist/release/<tag>/<file>), and runs the
# Action's install script against it through a file:// URL, so the real
# archive, the real checksums file and the real binary are tried together.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/.*"version":"\([^"]*\)".*/\1/p' dist/metadata.json)
[[ -n $version ]] || { echo "release-check: no version in dist/metadata.json" >&2; exit 1; }
tag=v$version
rel=dist/release/$tag
rm -rf dist/release && mkdir -p "$rel"
sums=envlint_${version}_checksums.txt
cp "dist/$sums" "$rel/"
for os in linux darwin windows; do
	for arch in amd64 arm64; do
		ext=tar.gz
		[[ $os == windows ]] && ext=zip
		a=envlint_${version}_${os}_${arch}.${ext}
		[[ -f dist/$a ]] || { echo "release-check: dist/$a is missing" >&2; exit 1; }
		grep -q "  $a\$" "dist/$sums" || { echo "release-check: $sums lacks $a" >&2; exit 1; }
		cp "dist/$a" "$rel/"
	done
done
n=$(find dist -maxdepth 1 -name "*.cdx.json" | wc -l)
echo "release-check: 6 archives, $sums, $n SBOMs"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ENVLINT_BASE_URL="file://$PWD/dist/release" ENVLINT_CACHE_DIR="$tmp/cache" ENVLINT_INSTALL_DIR="$tmp/bin" \
	GITHUB_PATH='' GITHUB_OUTPUT='' RUNNER_OS='' RUNNER_ARCH='' scripts/action-install.sh "$tag"
"$tmp/bin/envlint" version | grep -q "^envlint $tag " || { echo "release-check: the installed envlint is not $tag" >&2; exit 1; }
echo "release-check: the Action installs and runs $tag"
