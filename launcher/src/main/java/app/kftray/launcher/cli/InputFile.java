package app.kftray.launcher.cli;

import app.kftray.launcher.boot.LauncherException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks and reads files named on the command line, with errors that say which file and why. */
final class InputFile {
    /** Largest file read: far more than thousands of forwards need, far less than a mistaken disk image. */
    static final long MAX_TEXT_BYTES = 16L << 20;

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

    /**
     * @param file a UTF-8 text file of at most {@link #MAX_TEXT_BYTES}
     * @return its content
     * @throws LauncherException naming the file and what is wrong with it (too big, not text)
     */
    static String text(Path file) {
        try {
            long size = Files.size(existing(file));
            if (size > MAX_TEXT_BYTES) {
                throw new LauncherException(file + ": " + size + " bytes is more than the " + MAX_TEXT_BYTES
                        + " a configs file may have");
            }
            return decode(file, Files.readAllBytes(file));
        } catch (IOException e) {
            throw new LauncherException(file + ": " + e.getMessage());
        }
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int at = firstInvalidByte(bytes);
            throw new LauncherException(file + ": not UTF-8 text (byte " + at + " is 0x"
                    + String.format("%02x", bytes[at] & 0xff) + "); expected a JSON file such as kftray's configs.json");
        }
    }

    /** The offset where decoding fails: shown so a person can find it with a hex viewer. */
    private static int firstInvalidByte(byte[] bytes) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length + 1), true);
        return result.isError() ? in.position() : 0;
    }
}
