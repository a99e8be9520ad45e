# The terminal UI ('kftray tui'): the headless runtime plus the full-screen Lanterna interface,
# which embeds Lanterna and uses only the api services, like the tray app.
name = tui
description = kftray with the terminal UI (Lanterna)

include = headless

bundle = app.kftray.ui.tui
