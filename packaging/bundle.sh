#!/usr/bin/env bash
# Assemble the offline bundle for one workstation type: the folder IT carries to the machine.
#
#   packaging/bundle.sh --type TYPE --installer FILE [--model FILE]... --out DIR [--archive]
#
#   TYPE         linux-cpu | linux-cuda12 | windows-cpu | windows-cuda12 (named in the folder)
#   --installer  the .deb (packaging/build.sh --deb) or the NSIS .exe (packaging/build.ps1)
#   --model      a .gguf to carry (repeat for split files); verified against models/manifest.json
#                where a hash is recorded there
#   --archive    also write DIR/enclave-VERSION-TYPE.tar (models are already compressed)
#
# Result: DIR/enclave-VERSION-TYPE/ with the installer, models/*.gguf, README-IT.md, install.sh
# (Linux) and SHA256SUMS over all of them. Installing from it needs nothing else.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
TYPE="" INSTALLER="" OUT="" ARCHIVE=0
MODELS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --type) TYPE="$2"; shift ;;
    --installer) INSTALLER="$2"; shift ;;
    --model) MODELS+=("$2"); shift ;;
    --out) OUT="$2"; shift ;;
    --archive) ARCHIVE=1 ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "bundle.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$TYPE" in linux-cpu|linux-cuda12|windows-cpu|windows-cuda12) ;; *)
  echo "bundle.sh: --type must be linux-cpu, linux-cuda12, windows-cpu or windows-cuda12" >&2; exit 2 ;;
esac
[ -f "$INSTALLER" ] || { echo "bundle.sh: --installer $INSTALLER: no such file" >&2; exit 2; }
[ -n "$OUT" ] || { echo "bundle.sh: --out is required" >&2; exit 2; }
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$ROOT/app/__init__.py")"
DEST="$OUT/enclave-$VERSION-$TYPE"
rm -rf "$DEST"
mkdir -p "$DEST/models"

cp "$INSTALLER" "$DEST/"
for model in "${MODELS[@]}"; do
  name="$(basename "$model")"
  # A published hash in the manifest must match before the file is carried anywhere.
  expected="$(python3 - "$ROOT/models/manifest.json" "$name" <<'PY'
import json, sys
manifest = json.load(open(sys.argv[1], encoding="utf-8"))
for entry in manifest["models"]:
    for item in entry["files"]:
        if item["name"].lower() == sys.argv[2].lower():
            print(item.get("sha256") or "")
PY
)"
  actual="$(sha256sum "$model" | cut -d' ' -f1)"
  if [ -n "$expected" ] && [ "$expected" != "$actual" ]; then
    echo "bundle.sh: $model: SHA-256 $actual does not match the manifest ($expected)" >&2; exit 1
  fi
  cp "$model" "$DEST/models/$name"
done
sed -e "s/@VERSION@/$VERSION/g" -e "s/@TYPE@/$TYPE/g" "$ROOT/installer/bundle/README-IT.md" > "$DEST/README-IT.md"
case "$TYPE" in linux-*) install -m 755 "$ROOT/installer/bundle/install.sh" "$DEST/install.sh" ;; esac

# SHA256SUMS in the format sha256sum -c and the Windows installer read ("HASH  path").
(cd "$DEST" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort \
  | xargs -d '\n' sha256sum > SHA256SUMS)
if [ "$ARCHIVE" -eq 1 ]; then
  tar -C "$OUT" -cf "$OUT/enclave-$VERSION-$TYPE.tar" "enclave-$VERSION-$TYPE"
fi
echo "$DEST"
