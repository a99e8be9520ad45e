#!/bin/sh
# Installs the Debian packages the tests (and UdpBench: dnsperf) use when they are missing, and
# checks for kubectl (v1.32+), which end-to-end tests run as a real peer.
set -e
PACKAGES="curl nginx dnsmasq dnsutils dnsperf xvfb libgtk-3-0 tmux prometheus binutils python3 sqlite3 fonts-dejavu-core git fcgiwrap openssl dbus gnome-keyring libsecret-tools tinyproxy openssh-server openssh-client microsocks stunnel4"
missing=""
for p in $PACKAGES; do
  dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing test packages:$missing"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
# tests run their own tinyproxy on a free port; the package's system service is not needed
if command -v systemctl >/dev/null 2>&1 && systemctl is-enabled tinyproxy >/dev/null 2>&1; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO systemctl disable --now tinyproxy >/dev/null 2>&1 || true
fi
if ! command -v kubectl >/dev/null 2>&1; then
  echo "kubectl v1.32+ is required by the end-to-end tests but is not on PATH" >&2
  exit 1
fi
