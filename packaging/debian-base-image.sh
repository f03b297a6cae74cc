#!/usr/bin/env bash
# Makes a Debian 12 base image for the Dockerfile (its DEBIAN_IMAGE) on a machine that cannot
# pull debian:bookworm-slim from a registry: debootstrap's minbase from this machine's own
# apt mirror, slimmed the way the published image is, then `docker import`:
#   bash packaging/debian-base-image.sh TAG [ENGINE]     e.g. certmcp-local/debian:bookworm-slim
# ENGINE is the CLI that imports it (default /usr/bin/docker; podman works too). Needs root
# and debootstrap. Takes about a minute, mostly downloads.
#
# How it differs from the published debian:bookworm-slim (built by debuerreotype from a
# snapshot): the same minbase package set and the same "slim" rules (no docs but copyright
# files, no man or info pages, no locales, apt keeps no caches and downloads no translations),
# but packages at this machine's mirror's versions, this machine's apt sources and their
# Acquire settings (a snapshot mirror needs Check-Valid-Until off) instead of deb.debian.org,
# no image history and no reproducible timestamps.
set -euo pipefail
tag=${1:?usage: debian-base-image.sh TAG [ENGINE]}
engine=${2:-/usr/bin/docker}
command -v debootstrap >/dev/null || { echo "debian-base-image: debootstrap is not installed" >&2; exit 69; }

# The first bookworm mirror of this machine: a deb822 .sources file, or sources.list.
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
if [[ -z "$mirror" ]]; then
  mirror=$(awk '$1 == "deb" && $3 == "bookworm" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
[[ -n "$mirror" ]] || { echo "debian-base-image: no bookworm mirror in /etc/apt" >&2; exit 69; }

rootfs=$(mktemp -d /var/tmp/debian-base.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
echo "debian-base-image: debootstrap bookworm from $mirror" >&2
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$rootfs.log" 2>&1 ||
  { tail -20 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"

# apt inside the image: this machine's sources and the Acquire settings they rely on.
rm -f "$rootfs/etc/apt/sources.list"
if compgen -G '/etc/apt/sources.list.d/*.sources' >/dev/null; then
  cp /etc/apt/sources.list.d/*.sources "$rootfs/etc/apt/sources.list.d/"
else
  grep -E '^deb ' /etc/apt/sources.list >"$rootfs/etc/apt/sources.list"
fi
apt-config dump | grep -E '^Acquire::(Check-Valid-Until|Check-Date|https?::Proxy) ' \
  >"$rootfs/etc/apt/apt.conf.d/90host-mirror" || true

# The slim rules, for packages installed later too; then applied to what is there.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
cat >"$rootfs/etc/apt/apt.conf.d/90slim" <<'EOF'
Dir::Cache::pkgcache "";
Dir::Cache::srcpkgcache "";
Acquire::GzipIndexes "true";
Acquire::Languages "none";
EOF
find "$rootfs/usr/share/doc" -mindepth 1 ! -name copyright ! -type d -delete
find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$rootfs"/usr/share/{man,info,lintian}/* "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/log/*.log
find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

tar --numeric-owner -C "$rootfs" -c . |
  "$engine" import --change 'CMD ["bash"]' \
    --message "debootstrap --variant=minbase bookworm $mirror" - "$tag" >/dev/null
echo "debian-base-image: $tag ($(du -sh --apparent-size "$rootfs" | cut -f1) unpacked)" >&2
