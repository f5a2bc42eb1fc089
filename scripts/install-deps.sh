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
  python3-libtorrent  # bencoding in the hostile-input generator (tests/fuzz/hostile)
  # interop peers, tracker and benchmark tools
  aria2 transmission-cli opentracker qbittorrent-nox mktorrent iperf3 openssl curl time bc iproute2
  transmission-daemon  # bench/library.sh measures against it (its service is left disabled, below)
  libbenchmark-dev
  # fuzzing and sanitizer builds (scripts/fuzz.sh, scripts/probe-hostile.sh: clang-14 with libFuzzer)
  clang libfuzzer-14-dev
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

# Some of these packages ship a daemon that Debian starts and enables on install (opentracker would
# listen on 0.0.0.0:6969 from then on). The tests start their own instances on loopback, so nothing
# installed here may run as a system service: services are kept from starting during the install (a
# policy-rc.d that says "no", unless the system already has one), and every unit the install enabled is
# disabled again afterwards. Units that were enabled before are left as they were.
enabled_units() {
  find /etc/systemd/system -mindepth 2 -maxdepth 2 -type l \( -path '*.wants/*' -o -path '*.requires/*' \) \
    -printf '%f\n' 2>/dev/null
  find /etc/rc2.d /etc/rc3.d /etc/rc4.d /etc/rc5.d -name 'S*' -printf 'sysv:%f\n' 2>/dev/null
}
before=$(enabled_units | sort -u)
policy=/usr/sbin/policy-rc.d
temporary_policy=""
if [[ ! -e $policy ]]; then
  printf '#!/bin/sh\n# scripts/install-deps.sh: no service starts while Shoal installs its dependencies.\nexit 101\n' |
    $SUDO tee "$policy" >/dev/null
  $SUDO chmod 755 "$policy"
  temporary_policy=$policy
  trap '$SUDO rm -f "$temporary_policy"' EXIT
fi

$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"

after=$(enabled_units | sort -u)
for unit in $(comm -13 <(echo "$before") <(echo "$after")); do
  if [[ $unit == sysv:* ]]; then
    name=${unit#sysv:S[0-9][0-9]}
    $SUDO update-rc.d "$name" disable >/dev/null 2>&1 || true
    echo "install-deps: disabled the init script $name, which the install enabled"
    continue
  fi
  # systemctl works on the unit files without a running systemd too; a package's upgrade enables a
  # unit again only if it finds it enabled, so this choice lasts.
  if [[ -d /run/systemd/system ]]; then
    $SUDO systemctl disable --now "$unit" >/dev/null 2>&1 || true
  else
    $SUDO systemctl disable "$unit" >/dev/null 2>&1 || true
  fi
  echo "install-deps: disabled $unit, which the install enabled (start it yourself if you want it)"
done
