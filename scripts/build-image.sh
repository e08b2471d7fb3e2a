#!/usr/bin/env bash
# Builds the container image from the Dockerfile with buildah, without a
# Docker daemon, from the linux binaries of a snapshot (make release-check),
# laid out as GoReleaser's dockers_v2 lays them out ($TARGETPLATFORM/envlint).
# Writes dist/envlint-image-<arch>.oci.tar (an OCI archive) per architecture
# and runs the amd64 image's entrypoint when this machine is amd64.
#   apt-get install buildah   # Debian; rootless or as root, vfs storage
set -euo pipefail
cd "$(dirname "$0")/.."
command -v buildah >/dev/null || { echo "build-image: buildah not found (apt-get install buildah)" >&2; exit 1; }
ctx=$(mktemp -d)
trap 'rm -rf "$ctx"' EXIT
cp Dockerfile LICENSE "$ctx/"
b="buildah --storage-driver vfs"
for arch in amd64 arm64; do
	bin=$(find dist -path "dist/envlint_linux_${arch}*/envlint" | head -n 1)
	[[ -n $bin ]] || { echo "build-image: no linux/$arch binary in dist/; run make release-check" >&2; exit 1; }
	mkdir -p "$ctx/linux/$arch"
	cp "$bin" "$ctx/linux/$arch/envlint"
	$b bud --quiet --isolation chroot --platform "linux/$arch" -t "envlint:snapshot-$arch" "$ctx" >/dev/null
	$b push --quiet "envlint:snapshot-$arch" "oci-archive:dist/envlint-image-$arch.oci.tar"
	echo "build-image: dist/envlint-image-$arch.oci.tar ($($b inspect --type image --format '{{.OCIv1.Config.Entrypoint}} user {{.OCIv1.Config.User}}' "envlint:snapshot-$arch"))"
done
if [[ $(uname -m) == x86_64 ]]; then
	c=$($b from "envlint:snapshot-amd64")
	trap '$b rm "$c" >/dev/null; rm -rf "$ctx"' EXIT
	$b run --isolation chroot "$c" -- envlint --version
fi
