package app.kftray.helper.loopback;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A loopback address given to a user's key.
 *
 * @param uid       the user
 * @param key       the user's name for it (kftray: the forward's id)
 * @param address   the address, 127.0.0.2–127.0.0.254
 * @param addedToLo whether the helper added it to the loopback device (and so removes it on release)
 */
public record Allocation(@JsonProperty("uid") int uid, @JsonProperty("key") String key,
                         @JsonProperty("address") String address, @JsonProperty("added_to_lo") boolean addedToLo) {
}
