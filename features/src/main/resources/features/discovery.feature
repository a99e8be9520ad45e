# Auto-import for one-shot commands (kftray discover): cluster access and the sync bundle.
name = discovery
description = cluster access and auto-import of annotated services (one-shot commands)

include = tools

bundle = app.kftray.sync
