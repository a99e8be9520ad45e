package app.kftray.httplog.internal;

import java.util.ArrayList;
import java.util.List;

/** A request and its response while they are being received. */
final class Exchange {
    private final long sequence;
    private final CapturedMessage request;
    private CapturedMessage response;
    private final List<String> notes = new ArrayList<>();

    /** @param request the request, or {@code null} for a response no request can be found for */
    Exchange(long sequence, CapturedMessage request) {
        this.sequence = sequence;
        this.request = request;
    }

    long sequence() {
        return sequence;
    }

    CapturedMessage request() {
        return request;
    }

    CapturedMessage response() {
        return response;
    }

    void response(CapturedMessage value) {
        response = value;
    }

    List<String> notes() {
        return notes;
    }

    void note(String text) {
        notes.add(text);
    }

    /** @return whether both sides were fully received */
    boolean isDone() {
        return (request == null || request.isComplete()) && response != null && response.isComplete();
    }

    /** Adds a note saying which part is missing; used when the exchange is written unfinished. */
    void noteMissing(String because) {
        if (request != null && !request.isComplete()) {
            note("request incomplete: " + because);
        } else if (response == null) {
            note("no response: " + because);
        } else if (!response.isComplete()) {
            note("response incomplete: " + because);
        }
    }
}
