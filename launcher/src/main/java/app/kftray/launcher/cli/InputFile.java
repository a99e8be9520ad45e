package app.kftray.launcher.cli;

import app.kftray.launcher.boot.LauncherException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks and reads files named on the command line, with errors that say which file and why. */
final class InputFile {
    private InputFile() {
    }

    /** @param file a file that must exist @return the file */
    static Path existing(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new LauncherException(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            throw new LauncherException(file + ": not readable");
        }
        return file;
    }

    /** @param file a UTF-8 text file @return its content */
    static String text(Path file) {
        try {
            return Files.readString(existing(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LauncherException(file + ": " + e.getMessage());
        }
    }
}
