# Added by --shell: an interactive Gogo console on the terminal.
name = shell
description = interactive Gogo console

bundle = org.apache.felix.gogo.shell
