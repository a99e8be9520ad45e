package app.kftray.ui.swt.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.kftray.api.ConfigSync.Auth;
import app.kftray.api.ConfigSync.Settings;
import app.kftray.api.ConfigSync.Status;
import app.kftray.api.model.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncFormTest {
    private static SyncForm.Typed typed(String url, String minutes, int auth, String keyFile) {
        return new SyncForm.Typed(url, " ", "configs.json", minutes, false, auth, keyFile, false);
    }

    @Test
    void gitUrlsOfEveryKindPassAndMakeTheSettings() {
        for (String url : List.of("https://github.com/org/repo.git", "git://127.0.0.1:9418/configs.git",
                "ssh://git@host:22/org/repo.git", "git@github.com:org/repo.git", "/srv/git/configs.git",
                "file:///srv/git/configs.git")) {
            SyncForm.Checked checked = SyncForm.check(typed(" " + url + " ", "15", 0, ""));
            assertEquals(List.of(), checked.errors(), url);
            assertEquals(url, checked.settings().url());
        }
        Settings settings = SyncForm.check(typed("https://h/r.git", "15", 3, "/home/u/.ssh/id_ed25519")).settings();
        assertEquals(Duration.ofMinutes(15), settings.interval());
        assertEquals(Auth.SSH_KEY, settings.auth());
        assertEquals("/home/u/.ssh/id_ed25519", settings.keyFile());
        assertNull(settings.branch(), "a blank branch is the repository's default");
        assertEquals("15", SyncForm.minutes(settings));
    }

    @Test
    void badInputIsReportedPerFieldAndMakesNoSettings() {
        SyncForm.Checked checked = SyncForm.check(new SyncForm.Typed("not a url", "", "", "0", false, 3, "", false));
        assertNull(checked.settings());
        assertEquals(List.of(
                new FieldError(SyncForm.URL, "'not a url' is not a Git URL: use https://host/org/repo.git,"
                        + " git@host:org/repo.git or an absolute path"),
                new FieldError(SyncForm.PATH, "the file in the repository is required, e.g. configs.json"),
                new FieldError(SyncForm.INTERVAL, "'0' is not a whole number from 1 to 1440 minutes"),
                new FieldError(SyncForm.KEY_FILE, "name the SSH private key file")), checked.errors());
        assertEquals(SyncForm.URL, SyncForm.check(typed("https://me:secret@host/r.git", "5", 1, "")).errors().get(0)
                .field());
        assertTrue(SyncForm.check(typed("https://me:secret@host/r.git", "5", 1, "")).errors().get(0).message()
                .startsWith("the URL must not carry a password or token"));
        assertEquals("'1441' is not a whole number from 1 to 1440 minutes",
                SyncForm.check(typed("https://h/r.git", "1441", 0, "")).errors().get(0).message());
        assertEquals("'ten' is not a whole number from 1 to 1440 minutes",
                SyncForm.check(typed("https://h/r.git", "ten", 0, "")).errors().get(0).message());
    }

    @Test
    void serviceMessagesLandOnTheirFieldInTheDialogsWords() {
        FieldError token = SyncForm.placed("a token is needed: give it with --token-stdin");
        assertEquals(new FieldError(SyncForm.TOKEN, "a token is needed: give it with the Token field"), token);
        FieldError url = SyncForm.placed("--url must not carry a password or token");
        assertEquals(SyncForm.URL, url.field());
        assertEquals("the URL must not carry a password or token", url.message());
        assertEquals("", SyncForm.placed("cannot reach git://h/r.git: Connection refused").field());
    }

    @Test
    void theStatusLineSaysWhatWasAppliedAndWhetherTheLastSyncFailed() {
        assertEquals("Sync is off.", SyncForm.statusLine(new Status(null, null, null, 0, 0, 0, null, null, null)));
        Settings settings = SyncForm.check(typed("https://h/r.git", "5", 1, "")).settings();
        assertEquals("Nothing applied yet; never synced.",
                SyncForm.statusLine(new Status(settings, null, null, 0, 0, 0, null, null, null)));
        String line = SyncForm.statusLine(new Status(settings, "0123456789abcdef0123", Instant.EPOCH, 2, 1, 0,
                Instant.EPOCH, "cannot reach https://h/r.git: Connection refused", "keyring"));
        assertTrue(line.startsWith("Commit 0123456789ab applied "), line);
        assertTrue(line.contains(": 2 created, 1 updated, 0 removed; last sync "), line);
        assertTrue(line.endsWith(", failed. Token kept in the keyring."), line);
    }
}
