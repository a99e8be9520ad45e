package app.kftray.sync.internal.git;

import app.kftray.api.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/** The token in an owner-only (0600) file under the kftray home, for machines without a keyring, by the user's choice. */
final class FileTokens implements TokenStore {
    private final Path file;

    FileTokens(Path file) {
        this.file = file;
    }

    @Override
    public String kind() {
        return "file";
    }

    @Override
    public void put(String token) {
        try {
            Files.deleteIfExists(file);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, token, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException | UnsupportedOperationException e) {
            throw new SyncException("cannot write the token file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<String> get() {
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip()) : Optional.empty();
        } catch (IOException e) {
            throw new SyncException("cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new SyncException("cannot delete the token file " + file + ": " + e.getMessage(), e);
        }
    }
}
