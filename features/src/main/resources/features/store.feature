# The stores alone: what the one-shot commands that only touch the database need.
name = store
description = configuration and state stores (one-shot commands)

bundle = org.osgi.util.function
bundle = org.osgi.util.promise
bundle = org.osgi.service.component
bundle = org.apache.felix.scr

bundle = jackson-annotations
bundle = jackson-core
bundle = jackson-databind

bundle = app.kftray.api
bundle = app.kftray.storage
