/**
 * Immutable value types of kftray: saved forward definitions, runtime state, events
 * and the cluster objects they refer to.
 */
@Version("1.4.0")
package app.kftray.api.model;

import org.osgi.annotation.versioning.Version;
