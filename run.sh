#!/bin/sh
# Builds kftray and starts the headless runtime on the default database (~/.kftray).
# Extra arguments go to the launcher, e.g. ./run.sh --shell
set -e
cd "$(dirname "$0")"
mvn -B -q -DskipTests -Ddeb.skip package  # the Debian package is built by the tests and on demand
exec launcher/target/kftray/bin/kftray --headless "$@"
