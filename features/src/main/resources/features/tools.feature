# Stores, cluster access and HTTP logs without the forwarding engine: one-shot commands that
# read the cluster or the logs.
name = tools
description = stores, cluster access and HTTP logs (one-shot commands)

include = store

bundle = netty-common
bundle = netty-buffer
bundle = netty-resolver
bundle = netty-transport
bundle = netty-transport-native-unix-common
bundle = netty-codec-base
bundle = netty-codec-compression
bundle = netty-handler
bundle = netty-codec-http

bundle = app.kftray.net
bundle = app.kftray.kube
bundle = app.kftray.httplog
bundle = app.kftray.helper.client
