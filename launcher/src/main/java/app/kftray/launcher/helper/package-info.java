/**
 * Installing and removing the privileged helper daemon: its jar, configuration and systemd
 * system unit, for the user who asks (through sudo).
 */
package app.kftray.launcher.helper;
