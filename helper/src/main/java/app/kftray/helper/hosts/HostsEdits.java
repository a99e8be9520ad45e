package app.kftray.helper.hosts;

import app.kftray.helper.request.BadRequestException;
import app.kftray.helper.request.HostEntry;

import java.util.List;
import java.util.Set;

/** The hosts operations of the protocol, as changes of the block; each touches only the caller's entries. */
public final class HostsEdits {
    private HostsEdits() {
    }

    /**
     * Adds or replaces entries (by id) of their owner.
     *
     * @param added entries of one caller
     * @return the change; refused when a name is held by another entry or the caller would hold too many
     */
    public static HostsFile.Change<Integer> add(List<HostEntry> added) {
        return entries -> {
            for (HostEntry entry : added) {
                entries.removeIf(existing -> existing.uid() == entry.uid() && existing.id().equals(entry.id()));
                for (HostEntry existing : entries) {
                    if (existing.name().equalsIgnoreCase(entry.name())) {
                        throw new BadRequestException("name: " + entry.name() + " is already mapped by "
                                + (existing.uid() == entry.uid() ? "id " + existing.id() : "another user"));
                    }
                }
                entries.add(entry);
            }
            int uid = added.get(0).uid();
            if (entries.stream().filter(entry -> entry.uid() == uid).count() > HostsFile.MAX_ENTRIES_PER_USER) {
                throw new BadRequestException("entries: a user may keep at most " + HostsFile.MAX_ENTRIES_PER_USER
                        + " host names");
            }
            return added.size();
        };
    }

    /**
     * @param uid the caller
     * @param ids the ids to remove
     * @return the change, answering how many entries it removed
     */
    public static HostsFile.Change<Integer> remove(int uid, List<String> ids) {
        Set<String> removed = Set.copyOf(ids);
        return entries -> {
            int before = entries.size();
            entries.removeIf(entry -> entry.uid() == uid && removed.contains(entry.id()));
            return before - entries.size();
        };
    }

    /**
     * @param uid the caller
     * @return the change removing all of the caller's entries, answering how many
     */
    public static HostsFile.Change<Integer> removeAll(int uid) {
        return entries -> {
            int before = entries.size();
            entries.removeIf(entry -> entry.uid() == uid);
            return before - entries.size();
        };
    }

    /**
     * @param uid     the caller
     * @param entries the block's entries
     * @return the caller's entries
     */
    public static List<HostEntry> of(int uid, List<HostEntry> entries) {
        return entries.stream().filter(entry -> entry.uid() == uid).toList();
    }
}
