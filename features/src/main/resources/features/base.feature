# Everything every kftray runtime needs: OSGi services, Netty, Jackson and the core bundles.
name = base
description = OSGi services, libraries and the kftray core

bundle = org.osgi.util.function
bundle = org.osgi.util.promise
bundle = org.osgi.service.component
bundle = org.apache.felix.scr
bundle = org.apache.felix.configadmin
bundle = org.apache.felix.gogo.runtime
bundle = org.apache.felix.gogo.command

bundle = netty-common
bundle = netty-buffer
bundle = netty-resolver
bundle = netty-transport

bundle = app.kftray.api
bundle = app.kftray.net
