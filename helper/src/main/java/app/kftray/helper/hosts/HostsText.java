package app.kftray.helper.hosts;

import app.kftray.helper.request.HostEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hosts file split into the text before kftray's block, the block's entries and the text after
 * it. {@link #render()} gives the text before and after back byte for byte.
 *
 * @param before  everything up to the block's first line
 * @param entries the entries of the block, in file order
 * @param after   everything after the block's last line
 */
public record HostsText(String before, List<HostEntry> entries, String after) {
    static final String BEGIN = "# BEGIN kftray managed block: edited by the kftray helper, do not edit";
    static final String END = "# END kftray managed block";
    private static final Pattern ENTRY = Pattern.compile(
            "(127\\.[0-9.]+)\\t([A-Za-z0-9.-]+)\\t# kftray uid=([0-9]{1,10}) id=([A-Za-z0-9._-]{1,64})");
    private static final Logger LOG = LoggerFactory.getLogger(HostsText.class);

    /** A defensive copy: the record is shared between batches. */
    public HostsText {
        entries = List.copyOf(entries);
    }

    /**
     * @param text the hosts file as read
     * @return its parts; without a block, all of it is {@link #before}
     * @throws MalformedHostsFileException if the markers are not one BEGIN followed by one END
     */
    public static HostsText parse(String text) throws MalformedHostsFileException {
        int begin = markerLine(text, BEGIN, 0);
        if (begin < 0) {
            if (markerLine(text, END, 0) >= 0) {
                throw new MalformedHostsFileException("the hosts file has kftray's END marker without its BEGIN marker");
            }
            return new HostsText(text, List.of(), "");
        }
        int end = markerLine(text, END, begin);
        if (end < 0) {
            throw new MalformedHostsFileException("the hosts file has kftray's BEGIN marker without its END marker");
        }
        if (markerLine(text, BEGIN, begin + 1) >= 0) {
            throw new MalformedHostsFileException("the hosts file has kftray's block more than once");
        }
        int afterEnd = text.indexOf('\n', end);
        String after = afterEnd < 0 ? "" : text.substring(afterEnd + 1);
        String block = text.substring(text.indexOf('\n', begin) + 1, end);
        return new HostsText(text.substring(0, begin), entries(block), after);
    }

    private static List<HostEntry> entries(String block) {
        List<HostEntry> entries = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher entry = ENTRY.matcher(line);
            if (entry.matches()) {
                entries.add(new HostEntry(Integer.parseUnsignedInt(entry.group(3)), entry.group(4), entry.group(2),
                        entry.group(1)));
            } else {
                // only the helper writes inside the block; a line it cannot read is dropped, not kept forever
                LOG.warn("event=hosts_line_dropped reason=\"not an entry of the helper\"");
            }
        }
        return entries;
    }

    /** The start of the line that is exactly {@code marker}, searching from {@code from}; -1 if none. */
    private static int markerLine(String text, String marker, int from) {
        int at = from;
        while ((at = text.indexOf(marker, at)) >= 0) {
            boolean lineStart = at == 0 || text.charAt(at - 1) == '\n';
            int lineEnd = at + marker.length();
            boolean wholeLine = lineEnd == text.length() || text.charAt(lineEnd) == '\n'
                    || text.startsWith("\r\n", lineEnd);
            if (lineStart && wholeLine) {
                return at;
            }
            at = lineEnd;
        }
        return -1;
    }

    /**
     * @param newEntries the block's entries from now on
     * @return the same file with another block
     */
    public HostsText withEntries(List<HostEntry> newEntries) {
        return new HostsText(before, newEntries, after);
    }

    /** @return the file's text; without entries, without a block */
    public String render() {
        if (entries.isEmpty()) {
            return before + after;
        }
        StringBuilder text = new StringBuilder(before);
        if (!before.isEmpty() && !before.endsWith("\n")) {
            text.append('\n');
        }
        text.append(BEGIN).append('\n');
        for (HostEntry entry : entries) {
            text.append(entry.address()).append('\t').append(entry.name()).append("\t# kftray uid=")
                    .append(Integer.toUnsignedString(entry.uid())).append(" id=").append(entry.id()).append('\n');
        }
        return text.append(END).append('\n').append(after).toString();
    }
}
