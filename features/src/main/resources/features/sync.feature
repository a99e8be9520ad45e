# Git sync for one-shot commands (kftray sync): the stores and the sync bundle, without the engine,
# so the sync bundle's poller does not run in them.
name = sync
description = stores and Git sync (one-shot commands)

include = store

bundle = app.kftray.sync
