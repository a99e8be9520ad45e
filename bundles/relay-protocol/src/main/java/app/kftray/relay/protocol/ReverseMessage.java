package app.kftray.relay.protocol;

import io.netty.handler.codec.CorruptedFrameException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One line of the reverse (expose) mode's signalling: a verb and its arguments, separated by
 * single spaces, ended by {@code \n}. Arguments are tokens of {@code [A-Za-z0-9._:-]}, so a line
 * can never smuggle a second one. See the relay's PROTOCOL.md, "Reverse mode".
 *
 * @param verb what the line says
 * @param args its arguments, as many as the verb takes
 */
public record ReverseMessage(Verb verb, List<String> args) {
    /** Longest line either side accepts, delimiter included. */
    public static final int MAX_LINE_BYTES = 256;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** The verbs, each with the number of arguments it takes. */
    public enum Verb {
        /** local → relay, first line of the control stream: {@code CONTROL <secret>}. */
        CONTROL(1),
        /** local → relay, first line of a data stream: {@code ATTACH <secret> <connection id>}. */
        ATTACH(2),
        /** relay → local, after an accepted CONTROL or ATTACH line. */
        OK(0),
        /** relay → local on the control stream: a cluster client connected, {@code OPEN <connection id>}. */
        OPEN(1),
        /** local → relay on the control stream: the local port refused, {@code REFUSED <connection id>}. */
        REFUSED(1),
        /** local → relay on the control stream, every few seconds; the relay answers {@link #PONG}. */
        PING(0),
        /** relay → local: answer to {@link #PING}. */
        PONG(0),
        /** relay → local before it closes a stream: {@code ERROR <reason>}. */
        ERROR(1);

        private final int arity;

        Verb(int arity) {
            this.arity = arity;
        }
    }

    public ReverseMessage {
        args = List.copyOf(args);
        if (args.size() != verb.arity) {
            throw new IllegalArgumentException(verb + " takes " + verb.arity + " argument(s), got " + args.size());
        }
        for (String arg : args) {
            if (!TOKEN.matcher(arg).matches()) {
                throw new IllegalArgumentException("not a protocol token: '" + arg + "'");
            }
        }
    }

    /**
     * @param verb what to say
     * @param args its arguments
     * @return the message
     */
    public static ReverseMessage of(Verb verb, String... args) {
        return new ReverseMessage(verb, List.of(args));
    }

    /**
     * @param line one line without its delimiter
     * @return the message it holds
     * @throws CorruptedFrameException if it is not a known verb with the right arguments
     */
    public static ReverseMessage parse(String line) {
        String[] parts = line.split(" ", -1);
        Verb verb;
        try {
            verb = Verb.valueOf(parts[0].toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException("unknown verb '" + abbreviate(parts[0]) + "'");
        }
        try {
            return new ReverseMessage(verb, List.of(parts).subList(1, parts.length));
        } catch (IllegalArgumentException e) {
            throw new CorruptedFrameException("bad " + verb + " line: " + e.getMessage());
        }
    }

    /** @return the argument at {@code index} */
    public String arg(int index) {
        return args.get(index);
    }

    /** @return the line, delimiter included */
    public String encode() {
        return args.isEmpty() ? verb + "\n" : verb + " " + String.join(" ", args) + "\n";
    }

    private static String abbreviate(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 20 ? printable.substring(0, 20) + "..." : printable;
    }
}
