#!/bin/sh
# Builds the kftray .deb from the launcher's distribution:
#   1. jpackage makes an app image with a jlink runtime trimmed to the modules kftray uses
#      (target/app-image/kftray: a layout for any Linux distribution, run bin/kftray);
#   2. the distribution (bundles, features, helper, the kftray script) goes into the image;
#   3. dpkg-deb packs it under /opt/kftray with /usr/bin/kftray, the desktop entry and icon,
#      and the systemd user unit.
# Usage: build-deb.sh DIST_DIR OUT_DIR MAVEN_VERSION [DEB_VERSION]
# Without jpackage or dpkg-deb it says so and builds nothing (exit 0), so a build on another
# system still passes.
set -eu
DIST=$(cd "$1" && pwd)
OUT=$2
VERSION=$3
DEB_VERSION=${4:-$(echo "$VERSION" | sed 's/-SNAPSHOT$/~snapshot/')}
HERE=$(cd "$(dirname "$0")" && pwd)

JDK=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac || command -v java)")")")}
if [ ! -x "$JDK/bin/jpackage" ] || ! command -v dpkg-deb >/dev/null 2>&1; then
  echo "build-deb: jpackage ($JDK/bin/jpackage) or dpkg-deb not found; no package built"
  exit 0
fi

# jdeps of the launcher and bundles, plus TLS (EC keys of API servers) and the JDK's extended MXBeans
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.prefs,java.scripting,\
java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.charsets,jdk.crypto.ec,jdk.management,jdk.net,\
jdk.security.auth,jdk.unsupported,jdk.zipfs

rm -rf "$OUT/app-image" "$OUT/input" "$OUT/deb-root"
mkdir -p "$OUT/input/lib" "$OUT/app-image"
cp "$DIST"/lib/*.jar "$OUT/input/lib/"
started=$(date +%s)
"$JDK/bin/jpackage" --type app-image --name kftray --app-version "$(echo "$VERSION" | sed 's/[^0-9.].*$//')" \
  --input "$OUT/input" --main-jar lib/kftray-launcher.jar --main-class app.kftray.launcher.Main \
  --java-options '-Dkftray.dist=$APPDIR' --icon "$HERE/src/deb/kftray.png" \
  --add-modules "$MODULES" --jlink-options "--strip-debug --no-man-pages --no-header-files --compress=2" \
  --dest "$OUT/app-image"
IMAGE="$OUT/app-image/kftray"
# the JDK's class data archive for the trimmed runtime: every start maps it instead of parsing classes
"$IMAGE/lib/runtime/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null
APP="$IMAGE/lib/app"
cp -R "$DIST/bin" "$DIST/bundles" "$DIST/features" "$DIST/helper" "$DIST/systemd" "$APP/"
echo "build-deb: app image in $(( $(date +%s) - started )) s"

ROOT="$OUT/deb-root"
mkdir -p "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" "$ROOT/usr/share/icons/hicolor/64x64/apps" \
  "$ROOT/usr/lib/systemd/user" "$ROOT/DEBIAN"
cp -R "$IMAGE" "$ROOT/opt/kftray"
ln -s /opt/kftray/lib/app/bin/kftray "$ROOT/usr/bin/kftray"
cp "$HERE/src/deb/kftray.desktop" "$ROOT/usr/share/applications/kftray.desktop"
cp "$HERE/src/deb/kftray.png" "$ROOT/usr/share/icons/hicolor/64x64/apps/kftray.png"
# the distribution's user unit, pointed at the command on PATH
sed -e 's|^ExecStart=.*|ExecStart=/usr/bin/kftray --headless|' \
    -e 's|^# Install: .*|# Enable: systemctl --user enable --now kftray|' \
    -e '/^# Expects the distribution/d' "$DIST/systemd/kftray.service" > "$ROOT/usr/lib/systemd/user/kftray.service"
chmod -R u=rwX,go=rX "$ROOT"
SIZE=$(du -sk "$ROOT/opt" "$ROOT/usr" | awk '{s += $1} END {print s}')
sed -e "s/@VERSION@/$DEB_VERSION/" -e "s/@ARCH@/$(dpkg --print-architecture)/" -e "s/@SIZE@/$SIZE/" \
  "$HERE/src/deb/control" > "$ROOT/DEBIAN/control"
DEB="$OUT/kftray_${DEB_VERSION}_$(dpkg --print-architecture).deb"
dpkg-deb --root-owner-group -Zgzip -z6 --build "$ROOT" "$DEB" >/dev/null
echo "build-deb: $DEB ($(du -k "$DEB" | cut -f1) KiB, installed $SIZE KiB) in $(( $(date +%s) - started )) s"
