# Everything every kftray runtime needs: OSGi services, Netty, Jackson and the core bundles.
name = base
description = OSGi services, libraries and the kftray core

bundle = org.osgi.util.function
bundle = org.osgi.util.promise
bundle = org.osgi.service.component
bundle = org.apache.felix.scr
bundle = org.apache.felix.configadmin
# early: its Kubernetes client warm-up then runs beside the start of every bundle after it
bundle = app.kftray.kube
bundle = org.apache.felix.gogo.runtime
bundle = org.apache.felix.gogo.command

bundle = netty-common
bundle = netty-buffer
bundle = netty-resolver
bundle = netty-transport
bundle = netty-transport-native-unix-common
bundle = netty-codec-base
bundle = netty-codec-compression
bundle = netty-handler
bundle = netty-codec-http
# Linux epoll, for sockets the privileged helper passes in (ports below 1024); the rest runs on NIO.
# Shared from the launcher's class path with its native library (see the launcher's pom)
bundle = netty-transport-classes-epoll

bundle = jackson-annotations
bundle = jackson-core
bundle = jackson-databind

bundle = app.kftray.api
bundle = app.kftray.net
bundle = app.kftray.storage
bundle = app.kftray.forward.tcp
bundle = app.kftray.httplog
bundle = app.kftray.relay.protocol
bundle = app.kftray.forward.udp
bundle = app.kftray.relay.deploy
bundle = app.kftray.forward.expose
bundle = app.kftray.helper.client
bundle = app.kftray.engine
