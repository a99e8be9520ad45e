package app.kftray.helper.request;

/**
 * One line of the managed block: {@code address name}, owned by a forward of a user.
 *
 * @param uid     the user the entry belongs to
 * @param id      the forward's id, unique per user
 * @param name    the host name
 * @param address the loopback address it maps to
 */
public record HostEntry(int uid, String id, String name, String address) {
}
