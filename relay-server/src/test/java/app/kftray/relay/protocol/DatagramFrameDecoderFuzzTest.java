package app.kftray.relay.protocol;

import app.kftray.relay.testing.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Feeds the decoder seeded random streams (valid frames, oversize prefixes, garbage, cuts),
 * split at random points, and compares what it yields with a plain reference parser. Only
 * the two documented exceptions may surface, and no buffer may leak (PARANOID detector).
 * Override the seed with {@code -Dfuzz.seed=N} to replay a failure.
 */
class DatagramFrameDecoderFuzzTest {

    private static final int ITERATIONS = 4_000;
    private static final long TIME_BUDGET_NANOS = 30_000_000_000L;
    private static final int[] MAXIMA = {0, 1, 16, 300, 4096, DatagramFraming.MAX_DATAGRAM_BYTES};

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

    @BeforeAll
    static void watchLeaks() {
        LeakCheck.install();
    }

    @Test
    void decoderMatchesReferenceParserOnRandomInput() {
        long seed = Long.getLong("fuzz.seed", 0x5EED_F4A3L);
        Random random = new Random(seed);
        long deadline = System.nanoTime() + TIME_BUDGET_NANOS;
        int done = 0;
        int[] outcomes = new int[3];
        for (; done < ITERATIONS && System.nanoTime() < deadline; done++) {
            int max = MAXIMA[random.nextInt(MAXIMA.length)];
            byte[] input = random.nextInt(5) == 0 ? randomBytes(random, random.nextInt(200)) : frames(random, max);
            Expected expected = Expected.parse(input, max);
            Outcome actual = decode(input, max, random);
            String where = "seed=" + seed + " iteration=" + done + " max=" + max + " input=" + abbreviate(input);
            assertEquals(expected.error, actual.error, "error kind, " + where);
            assertEquals(expected.frames.size(), actual.frames.size(), "frame count, " + where);
            for (int i = 0; i < expected.frames.size(); i++) {
                assertTrue(Arrays.equals(expected.frames.get(i), actual.frames.get(i)), "frame " + i + ", " + where);
            }
            outcomes[expected.error == null ? 0 : expected.error == OversizeFrameException.class ? 1 : 2]++;
        }
        assertTrue(done > 0);
        // The generator must really exercise all three paths.
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0 && outcomes[2] > 0, "outcomes " + Arrays.toString(outcomes));
        LeakCheck.assertNoLeaks();
    }

    private Outcome decode(byte[] input, int max, Random random) {
        EmbeddedChannel channel = new EmbeddedChannel(new DatagramFrameDecoder(max));
        Outcome outcome = new Outcome();
        int offset = 0;
        try {
            while (offset < input.length) {
                int chunk = Math.min(input.length - offset, 1 + random.nextInt(64));
                ByteBuf buf = alloc.buffer(chunk).writeBytes(input, offset, chunk);
                offset += chunk;
                channel.writeInbound(buf);
                drain(channel, outcome);
            }
            channel.finish();
        } catch (OversizeFrameException | TruncatedFrameException e) {
            outcome.error = e.getClass();
            drain(channel, outcome);
            // A failed decoder discards the rest: closing must raise nothing more and yield nothing.
            assertFalse(channel.finish(), "frame after a framing error");
        } catch (RuntimeException e) {
            channel.finishAndReleaseAll();
            fail("unexpected exception type " + e, e);
        }
        drain(channel, outcome);
        return outcome;
    }

    private static void drain(EmbeddedChannel channel, Outcome outcome) {
        for (ByteBuf frame; (frame = channel.readInbound()) != null; ) {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            frame.release();
            outcome.frames.add(bytes);
        }
    }

    /** A mix of valid frames, oversize prefixes and garbage, sometimes cut short. */
    private static byte[] frames(Random random, int max) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int segments = random.nextInt(9);
        for (int s = 0; s < segments; s++) {
            int kind = random.nextInt(10);
            if (kind < 7) {
                writeFrame(out, randomBytes(random, random.nextInt(Math.min(max, 600) + 1)));
            } else if (kind == 7 && max <= 4096) {
                writeFrame(out, randomBytes(random, max));
            } else if (kind == 8) {
                long length = max + 1L + random.nextInt(1000);
                out.writeBytes(ByteBuffer.allocate(4).putInt((int) length).array());
                out.writeBytes(randomBytes(random, random.nextInt(50)));
            } else {
                out.writeBytes(randomBytes(random, 1 + random.nextInt(40)));
            }
        }
        byte[] all = out.toByteArray();
        return random.nextInt(10) < 3 && all.length > 0 ? Arrays.copyOf(all, random.nextInt(all.length)) : all;
    }

    private static void writeFrame(ByteArrayOutputStream out, byte[] payload) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(payload.length).array());
        out.writeBytes(payload);
    }

    private static byte[] randomBytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String abbreviate(byte[] input) {
        String hex = java.util.HexFormat.of().formatHex(input, 0, Math.min(input.length, 32));
        return input.length > 32 ? hex + "...(" + input.length + " bytes)" : hex;
    }

    private static final class Outcome {
        final List<byte[]> frames = new ArrayList<>();
        Class<? extends Exception> error;
    }

    /** The framing rules written out plainly, as the oracle. */
    private static final class Expected {
        final List<byte[]> frames = new ArrayList<>();
        Class<? extends Exception> error;

        static Expected parse(byte[] input, int max) {
            Expected result = new Expected();
            ByteBuffer in = ByteBuffer.wrap(input);
            while (in.hasRemaining()) {
                if (in.remaining() < 4) {
                    result.error = TruncatedFrameException.class;
                    return result;
                }
                long length = Integer.toUnsignedLong(in.getInt());
                if (length > max) {
                    result.error = OversizeFrameException.class;
                    return result;
                }
                if (in.remaining() < length) {
                    result.error = TruncatedFrameException.class;
                    return result;
                }
                byte[] payload = new byte[(int) length];
                in.get(payload);
                result.frames.add(payload);
            }
            return result;
        }
    }
}
