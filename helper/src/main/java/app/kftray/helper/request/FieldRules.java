package app.kftray.helper.request;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * The rules every field of a request must meet before the helper acts on it. They are strict on
 * purpose: whatever passes them can be written into the hosts file or handed to {@code ip}
 * without quoting.
 */
public final class FieldRules {
    /** Longest host name, in bytes (RFC 1035). */
    public static final int MAX_NAME_BYTES = 253;
    /** Longest label of a host name (RFC 1035). */
    public static final int MAX_LABEL = 63;
    /** Lowest and highest port of {@code socket.bind}. */
    public static final int MIN_PORT = 1;
    /** Ports from 1024 up need no helper. */
    public static final int MAX_PORT = 1023;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9-]+");
    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");

    private FieldRules() {
    }

    /**
     * @param field the field's name, for the message
     * @param value an id or key
     * @return the value
     * @throws BadRequestException unless it is 1–64 characters of letters, digits, '.', '_', '-'
     */
    public static String id(String field, String value) throws BadRequestException {
        if (!ID.matcher(value).matches()) {
            throw new BadRequestException(field + ": must be 1-64 characters of A-Z a-z 0-9 . _ -");
        }
        return value;
    }

    /**
     * @param value a host name
     * @return the name
     * @throws BadRequestException naming the first rule it breaks
     */
    public static String hostName(String value) throws BadRequestException {
        if (value.isEmpty()) {
            throw new BadRequestException("name: is empty");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
            throw new BadRequestException("name: longer than " + MAX_NAME_BYTES + " bytes");
        }
        if (value.equalsIgnoreCase("localhost")) {
            throw new BadRequestException("name: localhost cannot be remapped");
        }
        for (String label : value.split("\\.", -1)) {
            hostLabel(label);
        }
        return value;
    }

    private static void hostLabel(String label) throws BadRequestException {
        if (label.isEmpty()) {
            throw new BadRequestException("name: has an empty label (a leading, trailing or double dot)");
        }
        if (label.length() > MAX_LABEL) {
            throw new BadRequestException("name: label \"" + label.substring(0, 16) + "...\" is longer than "
                    + MAX_LABEL + " characters");
        }
        if (!LABEL.matcher(label).matches()) {
            throw new BadRequestException("name: only A-Z a-z 0-9 - and dots are allowed");
        }
        if (label.startsWith("-") || label.endsWith("-")) {
            throw new BadRequestException("name: label \"" + label + "\" starts or ends with '-'");
        }
    }

    /**
     * @param field the field's name, for the message
     * @param value a dotted IPv4 address
     * @return the address, as given
     * @throws BadRequestException unless it is a host address in 127.0.0.0/8
     */
    public static String loopbackAddress(String field, String value) throws BadRequestException {
        String[] octets = value.split("\\.", -1);
        if (octets.length != 4) {
            throw new BadRequestException(field + ": \"" + printable(value) + "\" is not a dotted IPv4 address");
        }
        int[] numbers = new int[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(octets[i]).matches() || Integer.parseInt(octets[i]) > 255) {
                throw new BadRequestException(field + ": \"" + printable(value) + "\" is not a dotted IPv4 address");
            }
            numbers[i] = Integer.parseInt(octets[i]);
        }
        if (numbers[0] != 127) {
            throw new BadRequestException(field + ": " + value + " is outside 127.0.0.0/8");
        }
        boolean network = numbers[1] == 0 && numbers[2] == 0 && numbers[3] == 0;
        boolean broadcast = numbers[1] == 255 && numbers[2] == 255 && numbers[3] == 255;
        if (network || broadcast) {
            throw new BadRequestException(field + ": " + value + " is not a host address");
        }
        return value;
    }

    /**
     * @param value a port number
     * @return the port
     * @throws BadRequestException unless it is 1–1023
     */
    public static int lowPort(int value) throws BadRequestException {
        if (value < MIN_PORT || value > MAX_PORT) {
            throw new BadRequestException("port: " + value + " is outside " + MIN_PORT + "-" + MAX_PORT
                    + " (higher ports need no helper)");
        }
        return value;
    }

    /** A value cut short and stripped of control characters, safe to echo in a one-line message. */
    static String printable(String value) {
        String cut = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
