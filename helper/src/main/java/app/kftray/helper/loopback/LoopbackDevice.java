package app.kftray.helper.loopback;

import java.io.IOException;

/** Makes a loopback address usable on this machine, and takes back what it added. */
public interface LoopbackDevice {
    /**
     * @param address an address in 127.0.0.0/8
     * @return true if it had to be added to the device (it was not routed locally yet)
     * @throws IOException if it is not usable and could not be added
     */
    boolean ensure(String address) throws IOException;

    /**
     * @param address an address {@link #ensure} added
     * @throws IOException if it could not be removed
     */
    void remove(String address) throws IOException;
}
