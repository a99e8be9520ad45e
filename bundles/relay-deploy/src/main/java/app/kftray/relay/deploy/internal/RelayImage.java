package app.kftray.relay.deploy.internal;

/**
 * Which relay image runs and how it is deployed.
 *
 * @param name             the container image
 * @param pullSecret       name of an image pull Secret in the forward's namespace, blank for none
 * @param barePod          deploy a bare pod instead of a Deployment
 * @param kftrayCompatible the image is kftray's own relay: only its four environment variables, no health
 *                         endpoint (probed by TCP), udp and proxy forwards only
 */
record RelayImage(String name, String pullSecret, boolean barePod, boolean kftrayCompatible) {
}
