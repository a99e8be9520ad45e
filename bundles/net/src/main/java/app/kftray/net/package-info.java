/**
 * Socket helpers shared by the bundles that listen on local ports.
 */
@Version("1.0.0")
package app.kftray.net;

import org.osgi.annotation.versioning.Version;
