package app.kftray.bench;

import app.kftray.api.model.ForwardConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Many forwards on kftray's data path sharing one {@link DataPath}, stopped together. */
final class OursForwards implements AutoCloseable {
    private final DataPath path = new DataPath();
    private final List<OursForward> forwards = new ArrayList<>();

    /** @param config a tcp forward to resolve and start */
    void start(ForwardConfig config) {
        forwards.add(new OursForward(path, config));
    }

    /** @return how many forwards carried one echo round trip */
    int echoEach() {
        int ok = 0;
        for (OursForward forward : forwards) {
            InetSocketAddress address = forward.address();
            try {
                Throughput.measure(address, 64, 0);
                ok++;
            } catch (java.io.IOException e) {
                System.err.println("echo through " + address + " failed: " + e.getMessage());
            }
        }
        return ok;
    }

    @Override
    public void close() throws Exception {
        for (OursForward forward : forwards) {
            forward.close();
        }
        path.close();
    }
}
