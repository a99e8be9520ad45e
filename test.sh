#!/bin/sh
# Runs every test: installs what the tests need, then the whole Maven build with
# unit tests (surefire) and integration tests (failsafe).
set -e
cd "$(dirname "$0")"
scripts/test-prerequisites.sh
exec mvn -B verify "$@"
