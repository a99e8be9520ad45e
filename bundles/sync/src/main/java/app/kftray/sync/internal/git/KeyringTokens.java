package app.kftray.sync.internal.git;

import app.kftray.api.SyncException;
import com.github.javakeyring.BackendNotSupportedException;
import com.github.javakeyring.Keyring;
import com.github.javakeyring.PasswordAccessException;
import java.util.Optional;

/**
 * The token in the OS keyring through java-keyring: the Secret Service over D-Bus on Linux (GNOME
 * Keyring, KWallet's Secret Service), the Keychain on macOS, the Credential Manager on Windows.
 */
final class KeyringTokens implements TokenStore {
    @Override
    public String kind() {
        return "keyring";
    }

    @Override
    public void put(String token) {
        withKeyring("store the token in", keyring -> {
            keyring.setPassword(SERVICE, ACCOUNT, token);
            return null;
        });
    }

    @Override
    public Optional<String> get() {
        return Optional.ofNullable(withKeyring("read the token from", keyring -> keyring.getPassword(SERVICE, ACCOUNT)));
    }

    @Override
    public void delete() {
        withKeyring("delete the token from", keyring -> {
            keyring.deletePassword(SERVICE, ACCOUNT);
            return null;
        });
    }

    private interface KeyringWork<T> {
        T apply(Keyring keyring) throws PasswordAccessException;
    }

    private static <T> T withKeyring(String what, KeyringWork<T> work) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // dbus-java finds its socket transport through the context class loader's ServiceLoader
        Thread.currentThread().setContextClassLoader(KeyringTokens.class.getClassLoader());
        try (Keyring keyring = Keyring.create()) {
            return work.apply(keyring);
        } catch (BackendNotSupportedException e) {
            throw new SyncException("cannot " + what + " the OS keyring: no keyring is available ("
                    + GitErrors.root(e) + ")", e);
        } catch (PasswordAccessException e) {
            if (e.getMessage() != null && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found")) {
                return null;
            }
            throw new SyncException("cannot " + what + " the OS keyring: " + GitErrors.root(e), e);
        } catch (Exception e) { // java-keyring's close() throws Exception; D-Bus failures are runtime exceptions
            throw new SyncException("cannot " + what + " the OS keyring: " + GitErrors.root(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
