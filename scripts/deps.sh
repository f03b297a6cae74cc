#!/usr/bin/env bash
# Installs what the build (and, with --test, the test suite; with --pebble, only the
# pebble test-CA image's packages) needs from Debian 12's packages. Idempotent: when everything
# is present it installs nothing and touches no package index. Must run as root (or with sudo
# available) on a fresh machine.
set -euo pipefail

build_packages=(g++ cmake ninja-build pkg-config
  libpoco-dev libssl-dev libyaml-cpp-dev libspdlog-dev libxapian-dev libmd4c-dev catch2
  libldns-dev)
# Real peers for the integration tests: Pebble (ACME CA), Knot and BIND tools (DNS),
# nginx (webroot and certd-for-nginx recipes), sslscan and testssl.sh (TLS audits),
# docker-compose (1.29) with docker.io (20.10) and debootstrap (the compose stack in real
# containers, on a base image made from this machine's apt sources), iproute2 (a network
# namespace without IPv6 for the listen-address test),
# systemd (only for systemd-analyze, which checks the units; nothing is started);
# headless Chromium, a font for it to render with, and tesseract to read its screenshots
# (the landing page test); python3-yaml reads the rendered Kubernetes manifests; haproxy
# balances mcpd replicas (tests/e2e).
test_packages=(curl openssl ca-certificates procps python3 pebble knot knot-dnsutils bind9-dnsutils nginx-light
  sslscan testssl.sh docker-compose docker.io debootstrap iproute2 systemd chromium fonts-dejavu-core
  tesseract-ocr python3-yaml haproxy
  tesseract-ocr-eng)
sanitize_packages=(clang libclang-rt-14-dev)
# The test CA image of compose.yaml's pebble profile (Dockerfile, target pebble): only these
# (curl fetches Pebble's root from its management port, see docs/deploy.md).
pebble_packages=(pebble openssl curl)

packages=("${build_packages[@]}")
[[ "${1:-}" == "--test" ]] && packages+=("${test_packages[@]}")
[[ "${1:-}" == "--sanitize" ]] && packages+=("${sanitize_packages[@]}")
[[ "${1:-}" == "--pebble" ]] && packages=("${pebble_packages[@]}")

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
# The MCP SDK client tests need Node.js and npm. Any install will do (Debian's nodejs and
# npm packages, or a vendor's nodejs that bundles npm), so look for the commands.
if [[ "${1:-}" == "--test" ]] && ! { command -v node && command -v npm; } >/dev/null; then
  missing+=(nodejs npm)
fi
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "deps: installing ${missing[*]}" >&2
sudo=""
[[ $(id -u) -ne 0 ]] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
