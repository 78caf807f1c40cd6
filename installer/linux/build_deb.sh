#!/usr/bin/env bash
# Package the frozen Linux app as a .deb (dpkg-deb; no debhelper, no network).
#
#   installer/linux/build_deb.sh FROZEN_DIR OUT_DIR ICONS_DIR
#
# FROZEN_DIR is packaging/build.sh's dist/enclave; ICONS_DIR is packaging/make_icons.py's
# output. Installs under /opt/enclave with /usr/bin/enclave{,-gui}, a desktop entry ("Open
# with Enclave" for DICOM, PDF, DOCX), AppStream metainfo, icons, a man page and lintian
# overrides (each explained in installer/linux/lintian-overrides). Prints the .deb's path.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
FROZEN="$(cd "$1" && pwd)"
OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
ICONS="$(cd "$3" && pwd)"
APP_ID=org.enclave.Enclave

VERSION="$("$FROZEN/enclave" --version | awk '{print $2}')"
[ -n "$VERSION" ] || { echo "build_deb.sh: $FROZEN/enclave --version printed nothing" >&2; exit 1; }
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
PKG="$STAGE/enclave"
umask 022

mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
  "$PKG/usr/share/metainfo" "$PKG/usr/share/doc/enclave" "$PKG/usr/share/man/man1" \
  "$PKG/usr/share/lintian/overrides" "$PKG/usr/share/icons"
cp -a "$FROZEN" "$PKG/opt/enclave"
# /usr/bin and /opt are different top-level folders: absolute links, as policy asks.
ln -s /opt/enclave/enclave "$PKG/usr/bin/enclave"
ln -s /opt/enclave/enclave-gui "$PKG/usr/bin/enclave-gui"
install -m 644 "$ROOT/resources/linux/$APP_ID.desktop" "$PKG/usr/share/applications/"
install -m 644 "$ROOT/resources/linux/$APP_ID.metainfo.xml" "$PKG/usr/share/metainfo/"
cp -r "$ICONS/hicolor" "$PKG/usr/share/icons/"
install -m 644 "$HERE/copyright" "$PKG/usr/share/doc/enclave/copyright"
install -m 644 "$HERE/lintian-overrides" "$PKG/usr/share/lintian/overrides/enclave"
gzip -9n < "$HERE/enclave.1" > "$PKG/usr/share/man/man1/enclave.1.gz"
ln -s enclave.1.gz "$PKG/usr/share/man/man1/enclave-gui.1.gz"
{
  printf 'enclave (%s) stable; urgency=medium\n\n  * Release %s of the offline installer.\n\n' "$VERSION" "$VERSION"
  printf ' -- Enclave developers <enclave-support@example.org>  %s\n' "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(date +%s)}")"
} | gzip -9n > "$PKG/usr/share/doc/enclave/changelog.gz"

# Permissions as dpkg expects: folders 755, files 644, ELF and scripts executable.
find "$PKG" -type d -exec chmod 755 {} +
find "$PKG/opt" "$PKG/usr/share" -type f -exec chmod 644 {} +
chmod 755 "$PKG/opt/enclave/enclave" "$PKG/opt/enclave/enclave-gui"
find "$PKG/opt/enclave/_internal" -type f \( -name '*.so' -o -name '*.so.*' \) -exec chmod 755 {} +

# The oldest glibc the bundled binaries accept (symbol versions they require).
# (objdump fails on the few non-ELF matches; those are skipped, hence "|| true".)
GLIBC="$(set +o pipefail; find "$PKG/opt/enclave" -type f \( -name '*.so*' -o -name 'enclave*' \) -print0 \
  | { xargs -0 objdump -T 2>/dev/null || true; } | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)"
SIZE="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
sed -e "s/@VERSION@/$VERSION/" -e "s/@INSTALLED_SIZE@/$SIZE/" -e "s/@GLIBC@/${GLIBC:-2.31}/" \
  "$HERE/control.in" > "$PKG/DEBIAN/control"

(cd "$PKG" && find . -type f ! -path "./DEBIAN/*" -printf "%P\0" | sort -z | xargs -0 md5sum) \
  > "$PKG/DEBIAN/md5sums"
DEB="$OUT/enclave_${VERSION}_amd64.deb"
# gzip: every dpkg reads it, and it compresses 300 MB in seconds where xz takes minutes on
# a small CI machine (the .deb is about a third larger).
dpkg-deb --root-owner-group -Zgzip -z6 --build "$PKG" "$DEB" >/dev/null
echo "$DEB"
