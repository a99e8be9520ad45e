package app.kftray.storage.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One forward-only schema change, shipped as a resource named {@code V<version>__<description>.sql}.
 *
 * @param version     its version, starting at 1 without gaps
 * @param description words from the file name
 * @param script      the file name
 * @param sql         the statements
 */
record Migration(int version, String description, String script, String sql) {
    private static final Pattern NAME = Pattern.compile("V([1-9][0-9]*)__([A-Za-z0-9_]+)\\.sql");

    /**
     * @param script the file name
     * @param sql    its content
     * @return the migration
     * @throws IllegalArgumentException if the name does not follow {@code V<n>__<words>.sql}
     */
    static Migration of(String script, String sql) {
        Matcher matcher = NAME.matcher(script);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("migration " + script + " is not named V<version>__<description>.sql");
        }
        return new Migration(Integer.parseInt(matcher.group(1)), matcher.group(2).replace('_', ' '), script, sql);
    }

    /** @return SHA-256 of the statements, recorded so a changed script can be spotted */
    String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
