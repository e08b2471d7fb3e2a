# The envlint container image: the static release binary on scratch.
# GoReleaser (dockers_v2) builds it for each platform from the binaries it
# already built, laid out as $TARGETPLATFORM/envlint; nothing is compiled
# here. scripts/build-image.sh builds the same file with buildah, without a
# Docker daemon.
#   docker run --rm -v "$PWD:/work" ghcr.io/envlint/envlint:v1 --format github
FROM scratch
ARG TARGETPLATFORM
COPY $TARGETPLATFORM/envlint /usr/local/bin/envlint
COPY LICENSE /usr/share/doc/envlint/LICENSE
WORKDIR /work
USER 65532:65532
ENTRYPOINT ["envlint"]
