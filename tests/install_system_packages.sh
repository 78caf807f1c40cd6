#!/usr/bin/env bash
# Debian packages the tests use (Qt's offscreen/xcb libraries, Xvfb, strace, dicom3tools,
# nsis, lintian). Installed only when running as root with apt-get, as CI does; others
# install them once by hand (README, "Running the tests").
set -euo pipefail
PACKAGES=(
  xvfb xauth libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0
  libxcb-render-util0 libxcb-image0 libxcb-xkb1 fonts-noto-cjk
  strace util-linux dicom3tools nsis lintian dpkg-dev
)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "installing Debian packages for the tests: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "warning: missing Debian packages (install them as root): ${missing[*]}" >&2
fi
