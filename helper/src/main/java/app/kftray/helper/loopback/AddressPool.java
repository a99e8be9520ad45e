package app.kftray.helper.loopback;

import app.kftray.helper.files.AtomicFiles;
import app.kftray.helper.request.BadRequestException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Hands out 127.0.0.2–127.0.0.254, one address per (user, key), the same one again for the same
 * pair; kept in a root-owned state file so it survives restarts.
 */
public final class AddressPool {
    /** Lowest and highest last octet handed out: 127.0.0.1 is everyone's. */
    static final int FIRST = 2;
    static final int LAST = 254;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<Allocation>> ALLOCATIONS = new TypeReference<>() {
    };

    private final Path stateFile;
    private final LoopbackDevice device;
    private final List<Allocation> allocations;

    private AddressPool(Path stateFile, LoopbackDevice device, List<Allocation> allocations) {
        this.stateFile = stateFile;
        this.device = device;
        this.allocations = allocations;
    }

    /**
     * @param stateFile where allocations are kept (created on the first allocation)
     * @param device    makes addresses usable
     * @return the pool with the allocations the file holds
     * @throws IOException if the file exists but cannot be read as a list of allocations
     */
    public static AddressPool open(Path stateFile, LoopbackDevice device) throws IOException {
        if (!Files.exists(stateFile)) {
            return new AddressPool(stateFile, device, new ArrayList<>());
        }
        try {
            return new AddressPool(stateFile, device, new ArrayList<>(JSON.readValue(stateFile.toFile(), ALLOCATIONS)));
        } catch (IOException e) {
            throw new IOException("state file " + stateFile + " is not readable: " + e.getMessage(), e);
        }
    }

    /**
     * @param uid the caller
     * @param key the caller's name for the address
     * @return the address for this key: the one it had, else the lowest free one
     * @throws BadRequestException if every address is taken
     * @throws IOException         if the address cannot be made usable or the state not saved
     */
    public synchronized String allocate(int uid, String key) throws BadRequestException, IOException {
        Optional<Allocation> existing = find(uid, key);
        if (existing.isPresent()) {
            device.ensure(existing.get().address());
            return existing.get().address();
        }
        String address = firstFree().orElseThrow(() -> new BadRequestException(
                "key: all loopback addresses 127.0.0." + FIRST + "-127.0.0." + LAST + " are allocated"));
        boolean added = device.ensure(address);
        Allocation allocation = new Allocation(uid, key, address, added);
        allocations.add(allocation);
        try {
            save();
        } catch (IOException e) {
            allocations.remove(allocation);
            throw e;
        }
        return address;
    }

    /**
     * @param uid     the caller
     * @param address an address allocated to the caller
     * @return whether it was released
     * @throws IOException if the state cannot be saved or an added address not removed
     */
    public synchronized boolean release(int uid, String address) throws IOException {
        Optional<Allocation> existing = allocations.stream()
                .filter(allocation -> allocation.uid() == uid && allocation.address().equals(address)).findFirst();
        if (existing.isEmpty()) {
            return false;
        }
        allocations.remove(existing.get());
        save();
        if (existing.get().addedToLo()) {
            device.remove(existing.get().address());
        }
        return true;
    }

    /**
     * Releases every allocation, removing the addresses the helper added to the device.
     *
     * @return how many there were
     * @throws IOException if an added address cannot be removed or the state not saved
     */
    public synchronized int releaseAll() throws IOException {
        int count = allocations.size();
        for (Allocation allocation : allocations) {
            if (allocation.addedToLo()) {
                device.remove(allocation.address());
            }
        }
        allocations.clear();
        if (count > 0) {
            save();
        }
        return count;
    }

    /**
     * @param uid     the caller
     * @param address an address
     * @return whether the address is allocated to the caller
     */
    public synchronized boolean isAllocatedTo(int uid, String address) {
        return allocations.stream().anyMatch(allocation -> allocation.uid() == uid && allocation.address().equals(address));
    }

    /**
     * @param uid the caller
     * @return how many addresses the caller holds
     */
    public synchronized long countOf(int uid) {
        return allocations.stream().filter(allocation -> allocation.uid() == uid).count();
    }

    private Optional<Allocation> find(int uid, String key) {
        return allocations.stream().filter(allocation -> allocation.uid() == uid && allocation.key().equals(key)).findFirst();
    }

    private Optional<String> firstFree() {
        for (int octet = FIRST; octet <= LAST; octet++) {
            String candidate = "127.0.0." + octet;
            if (allocations.stream().noneMatch(allocation -> allocation.address().equals(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void save() throws IOException {
        AtomicFiles.replace(stateFile, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(allocations), "rw-------");
    }
}
