# The stores and the Gogo runtime, for a console that writes many changes through one process
# (kftray --feature console --shell < commands): no cluster access, no forwards.
name = console
description = configuration and state stores with the Gogo runtime (scripted changes)

include = store

bundle = org.apache.felix.gogo.runtime
bundle = org.apache.felix.gogo.command
