#!/usr/bin/env bash
# Installs every Debian 12 package Shoal needs to build, test and benchmark. Idempotent: packages
# already present are skipped, and apt-get update runs only when something is missing.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config
  # core
  libtorrent-rasterbar-dev libboost-dev libboost-system-dev libsqlite3-dev sqlite3
  nlohmann-json3-dev libspdlog-dev libfmt-dev
  libcrypt-dev  # crypt(3), the daemon's RPC password hash (also pulled in by libc6-dev)
  # cli
  libcli11-dev
  # gui (Qt 6 Widgets, Charts, Svg; translations; desktop file and AppStream checks)
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  libgl-dev libxkbcommon-dev desktop-file-utils appstream
  # tests (xvfb/xauth for the real-window GUI test, the offscreen platform for the rest; jsonschema for
  # the swarm scenario schema's check)
  libgtest-dev libgmock-dev xvfb xauth python3-jsonschema
  # interop peers, tracker and benchmark tools
  aria2 transmission-cli opentracker qbittorrent-nox mktorrent iperf3 openssl curl time bc iproute2
  libbenchmark-dev
  # packaging (man page generation)
  help2man dpkg-dev file
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
