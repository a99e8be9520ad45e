# What 'kftray doctor' checks with: the stores, cluster access, the helper client and the relay
# deployer (for its image), without the forwarding engine.
name = doctor
description = stores, cluster access, helper client and relay deployer (kftray doctor)

include = tools

bundle = app.kftray.relay.deploy
