package app.kftray.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** Reproducible payload files for benchmarks. */
final class TestData {
    private TestData() {
    }

    /**
     * Writes {@code bytes} seeded random bytes: incompressible and the same on every run.
     *
     * @param file  where
     * @param bytes how many
     * @param seed  the seed
     */
    static void writeRandom(Path file, long bytes, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= block.length) {
                for (int i = 0; i < block.length; i += 8) {
                    long value = random.nextLong();
                    for (int b = 0; b < 8; b++) {
                        block[i + b] = (byte) (value >>> (b * 8));
                    }
                }
                out.write(block, 0, (int) Math.min(block.length, left));
            }
        }
    }
}
