/**
 * Socket helpers shared by the bundles that listen on local ports: the listener and the
 * forward it serves, the splice of a client connection onto a pod stream with its
 * backpressure, running work on an event loop, and bind errors that say what to do.
 */
@Version("1.3.0")
package app.kftray.net;

import org.osgi.annotation.versioning.Version;
