# The runtime without user interfaces: servers, CI and scripted use.
# One line per bundle: "bundle = <artifactId>" names bundles/<artifactId>.jar of the
# distribution; bundles start in the order listed. "include = <feature>" pulls in another.
name = headless
description = kftray without user interfaces

include = base
include = metrics

# auto-import and Git sync; its poller syncs at the configured interval where the engine runs
bundle = app.kftray.sync
