package app.kftray.helper;

import app.kftray.helper.config.HelperConfig;
import app.kftray.helper.files.AtomicFiles;
import app.kftray.helper.hosts.HostsText;
import app.kftray.helper.hosts.MalformedHostsFileException;
import app.kftray.helper.loopback.AddressPool;
import app.kftray.helper.loopback.LoopbackDevice;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Takes back everything the helper changed on this machine, for its removal: the hosts block and added addresses. */
final class Cleanup {
    private Cleanup() {
    }

    /**
     * @param config the helper's settings
     * @param device the loopback device addresses were added to
     * @return how many hosts entries and loopback addresses were removed, for the report
     * @throws IOException                if a file cannot be read or written
     * @throws MalformedHostsFileException if the hosts file's markers are broken (then nothing is changed)
     */
    static String run(HelperConfig config, LoopbackDevice device) throws IOException, MalformedHostsFileException {
        Path hosts = config.hostsFile();
        int entries = 0;
        if (Files.exists(hosts)) {
            HostsText text = HostsText.parse(Files.readString(hosts, StandardCharsets.ISO_8859_1));
            entries = text.entries().size();
            if (entries > 0) {
                AtomicFiles.replace(hosts, text.withEntries(java.util.List.of()).render()
                        .getBytes(StandardCharsets.ISO_8859_1), "rw-r--r--");
            }
        }
        int addresses = AddressPool.open(config.stateFile(), device).releaseAll();
        Files.deleteIfExists(config.stateFile());
        return entries + " hosts entries and " + addresses + " loopback addresses removed";
    }
}
