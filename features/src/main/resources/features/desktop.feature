# The tray app: the headless runtime plus the SWT user interface. The SWT fragment is the
# build platform's (${swt.fragment}); it attaches to the org.eclipse.swt host bundle.
name = desktop
description = kftray with the system-tray app (SWT)

include = headless

bundle = org.eclipse.swt
bundle = ${swt.fragment}
bundle = app.kftray.ui.swt
