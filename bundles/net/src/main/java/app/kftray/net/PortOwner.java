package app.kftray.net;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds which process holds a local port, from Linux's {@code /proc}: the socket inode
 * in {@code /proc/net/tcp[6]} or {@code udp[6]}, then the process whose file descriptors point at it. Only
 * processes this user may inspect are found; elsewhere the answer is empty.
 */
final class PortOwner {
    private static final Path PROC = Path.of("/proc");

    private PortOwner() {
    }

    /**
     * @param kind the kind of socket
     * @param port a local port
     * @return e.g. {@code process 1234 (nginx)}, or empty if unknown
     */
    static Optional<String> find(SocketKind kind, int port) {
        return holdingInode(kind, port).flatMap(PortOwner::processOf);
    }

    private static Optional<String> holdingInode(SocketKind kind, int port) {
        String hexPort = String.format(":%04X", port);
        for (String table : kind.procTables()) {
            try (Stream<String> lines = Files.lines(PROC.resolve(table))) {
                Optional<String> inode = lines.skip(1)
                        .map(line -> line.trim().split("\\s+"))
                        .filter(f -> f.length > 9 && f[1].endsWith(hexPort) && kind.holdsPort(f[3]))
                        .map(f -> f[9])
                        .findFirst();
                if (inode.isPresent()) {
                    return inode;
                }
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<String> processOf(String inode) {
        String socket = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path process : processes) {
                if (holds(process, socket)) {
                    return Optional.of("process " + process.getFileName() + " (" + command(process) + ")");
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean holds(Path process, String socket) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(process.resolve("fd"))) {
            for (Path fd : fds) {
                if (socket.equals(readLink(fd))) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            return false; // another user's process, or it just exited
        }
        return false;
    }

    private static String readLink(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            return "";
        }
    }

    private static String command(Path process) {
        try {
            return Files.readString(process.resolve("comm")).trim();
        } catch (IOException e) {
            return "unknown command";
        }
    }
}
