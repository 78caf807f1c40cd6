#!/usr/bin/env bash
# Install Enclave from this offline bundle (Linux). Uses nothing outside this folder and
# the machine's own packages: no network.
#
#   sudo ./install.sh             check SHA256SUMS, install the .deb, copy models/ into
#                                 /opt/enclave/models, run the self-test
#   ./install.sh --root DIR       unpack into DIR instead (a test or image root; no dpkg database)
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT=""
[ "${1:-}" = "--root" ] && ROOT="$(mkdir -p "$2" && cd "$2" && pwd)"
cd "$HERE"

echo "Checking the bundle (SHA256SUMS) ..."
sha256sum --check --strict --quiet SHA256SUMS || {
  echo "install.sh: the bundle is damaged (see above): copy it again" >&2; exit 1; }
DEB="$(ls enclave_*_amd64.deb)"
if [ -n "$ROOT" ]; then
  dpkg-deb -x "$DEB" "$ROOT"
else
  [ "$(id -u)" -eq 0 ] || { echo "install.sh: run as root (sudo ./install.sh)" >&2; exit 1; }
  # apt resolves the Depends (desktop libraries) from the installed system and its local
  # package cache; it does not download when they are present. dpkg -i names what is missing.
  if command -v apt-get >/dev/null; then
    apt-get install -y --no-download "./$DEB"
  else
    dpkg -i "$DEB"
  fi
fi
APP="$ROOT/opt/enclave"
for model in models/*.gguf; do
  [ -e "$model" ] || continue
  install -m 644 "$model" "$APP/models/"
  echo "model installed: $APP/models/$(basename "$model")"
done
if grep -q ' models/.*\.gguf$' SHA256SUMS; then
  (cd "$APP/models" && grep ' models/.*\.gguf$' "$HERE/SHA256SUMS" | sed 's# models/# #' \
    | sha256sum --check --strict --quiet) || { echo "install.sh: a model was damaged while copying" >&2; exit 1; }
fi
"$APP/enclave" --self-test
