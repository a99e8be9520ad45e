/**
 * Service contracts of kftray: every bundle talks to the others only through the
 * interfaces of this package, found and wired by Declarative Services.
 */
@Version("1.8.0")
package app.kftray.api;

import org.osgi.annotation.versioning.Version;
