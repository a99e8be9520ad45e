package app.kftray.storage.internal;

import static app.kftray.storage.internal.Fixtures.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.ConfigStore.ReplaceResult;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.ForwardConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Replacing the saved forwards with a file, and importing definitions found elsewhere, through the import merge. */
class ConfigReplaceTest extends ConfigStoreTestSupport {

    @Test
    void replaceKeepsMatchedForwardsUnderTheirIdsAndDeletesTheRest() {
        ForwardConfig web = store.create(service("web", 8080));
        ForwardConfig db = store.create(service("db", 5432).toBuilder().service("db").build());
        ReplaceResult result = store.replaceJson("""
                [{"alias": "web", "context": "dev", "namespace": "default", "workload_type": "service",
                  "service": "web", "protocol": "tcp", "local_port": 8080, "remote_port": 80},
                 {"alias": "cache", "context": "dev", "namespace": "default", "workload_type": "service",
                  "service": "cache", "protocol": "tcp", "local_port": 6379, "remote_port": 6379}]""");
        assertEquals(List.of(db.id()), result.removed());
        assertEquals(1, result.imported().created().size());
        assertEquals(web.id(), store.find("web").orElseThrow().id());
        assertEquals(List.of("cache", "web"), store.list().stream().map(ForwardConfig::alias).sorted().toList());
    }

    @Test
    void aBadReplaceChangesNothing() {
        ForwardConfig web = store.create(service("web", 8080));
        assertThrows(InvalidConfigException.class, () -> store.replaceJson("[{\"workload_type\": \"nonsense\"}]"));
        assertThrows(InvalidConfigException.class, () -> store.replaceJson("not json"));
        assertEquals(List.of(web), store.list());
    }

    @Test
    void importedDefinitionsMergeLikeAFileAndASecondImportChangesNothing() {
        List<ForwardConfig> found = List.of(service("web", 8080).toBuilder().id(null).build(),
                service("api", 9090).toBuilder().service("api").build());
        ImportResult first = store.importConfigs(found);
        assertEquals(2, first.created().size());
        ImportResult second = store.importConfigs(found);
        assertEquals(new ImportResult(List.of(), List.of(), 2, List.of()), second);
        assertEquals(2, store.list().size());
    }
}
