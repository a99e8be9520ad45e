package app.kftray.storage.internal;

import app.kftray.api.ConfigListener;
import app.kftray.api.ConfigStore;
import app.kftray.api.ConflictException;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.KftrayHome;
import app.kftray.api.StorageException;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ExposeOptions;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpLogLimits;
import app.kftray.api.model.WorkloadType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ConfigStore} on the shared SQLite database. Every write appends to the change log
 * in its own transaction; a poll on a second connection (on the storage's shared poll thread) notices other
 * processes' commits through {@code PRAGMA data_version} and announces their changes to the
 * {@link ConfigListener}s.
 */
@Component(service = ConfigStore.class, configurationPid = ConfigStoreConfiguration.PID)
@Designate(ocd = ConfigStoreConfiguration.class)
public final class SqliteConfigStore implements ConfigStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteConfigStore.class);

    private final Migrator migrator = Migrator.fromResources();
    private final ObjectMapper mapper;
    private final ConfigTable table;
    private final ConfigImporter importer;
    private final KftrayJsonReader reader;
    private final KftrayJsonWriter writer;
    private final ChangeNotifier notifier = new ChangeNotifier();
    /** Read by the HTTP log every few seconds; the definitions it comes from rarely change. */
    private final DefinitionsRevision<Map<Long, HttpLogLimits>> logLimits = new DefinitionsRevision<>();
    private final String writerName = LocalProcess.writerName();
    private final Database database;
    private final DatabaseBackup backups;
    private final Database pollerDatabase;
    private final SharedPolls.Membership poller;

    /**
     * @param context       the bundle context (the kftray home)
     * @param configuration busy timeout and poll interval
     */
    @Activate
    public SqliteConfigStore(BundleContext context, ConfigStoreConfiguration configuration) {
        this(KftrayHome.resolve(context::getProperty, System.getenv()).database(), Duration.ofMillis(configuration.busy_timeout_ms()),
                Duration.ofMillis(configuration.poll_interval_ms()));
    }

    SqliteConfigStore(Path databaseFile, Duration busyTimeout, Duration pollInterval) {
        database = Database.open(databaseFile, busyTimeout, migrator);
        backups = new DatabaseBackup(migrator, busyTimeout);
        pollerDatabase = database.anotherConnection(); // polls never wait behind this process's writes
        mapper = JsonMappers.shared().join();
        table = new ConfigTable(mapper);
        importer = new ConfigImporter(table);
        reader = new KftrayJsonReader(mapper);
        writer = new KftrayJsonWriter(mapper);
        ChangePoller changes = new ChangePoller(pollerDatabase, writerName, notifier, logLimits::changed);
        poller = SharedPolls.join(pollInterval, changes::poll);
        LOG.info("Forward definitions stored in {}", database.file());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(ConfigListener listener) {
        notifier.add(listener);
    }

    void removeListener(ConfigListener listener) {
        notifier.remove(listener);
    }

    @Deactivate
    @Override
    public void close() {
        poller.close();
        notifier.close();
        pollerDatabase.close();
        database.close();
    }

    @Override
    public List<ForwardConfig> list() {
        return list(null);
    }

    @Override
    public List<ForwardConfig> list(ConfigFilter filter) {
        return configs(database.read("listing forward definitions", c -> table.list(c, filter)));
    }

    @Override
    public Optional<ForwardConfig> get(long id) {
        return database.read("reading forward " + id, c -> table.get(c, id)).map(StoredConfig::config);
    }

    @Override
    public Optional<ExposeOptions> exposeOptions(long id) {
        return database.read("reading forward " + id, c -> table.get(c, id))
                .filter(stored -> stored.config().workloadType() == WorkloadType.EXPOSE)
                .map(stored -> ExposeFields.read(stored.kftrayExtra(), mapper));
    }

    @Override
    public Map<Long, HttpLogLimits> httpLogLimits() {
        return logLimits.get(() -> {
            Map<Long, HttpLogLimits> limits = new LinkedHashMap<>();
            for (StoredConfig stored : database.read("reading HTTP log limits", c -> table.list(c, null))) {
                HttpLogLimitFields.read(stored.kftrayExtra()).ifPresent(own -> limits.put(stored.id(), own));
            }
            return Collections.unmodifiableMap(limits);
        });
    }

    @Override
    public Optional<ForwardConfig> find(String idOrAlias) {
        if (idOrAlias == null || idOrAlias.isBlank()) {
            return Optional.empty();
        }
        String key = idOrAlias.trim();
        if (key.matches("\\d{1,18}")) {
            return get(Long.parseLong(key));
        }
        List<ForwardConfig> named = list(new ConfigFilter(null, null, key));
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    @Override
    public ForwardConfig create(ForwardConfig config) {
        if (config.id() != null) {
            throw invalid("id", "must be empty for a new definition; use update to change forward " + config.id());
        }
        ForwardConfig wanted = normalized(config);
        return change("saving a new forward definition", (c, changes) -> {
            requireAliasFree(c, wanted);
            long id = table.insert(c, StoredConfig.of(wanted), System.currentTimeMillis());
            changes.accept(new ConfigChange(ConfigChange.Kind.CREATED, id, false));
            return wanted.toBuilder().id(id).build();
        });
    }

    @Override
    public ForwardConfig update(ForwardConfig config) {
        if (config.id() == null) {
            throw invalid("id", "is required to update a definition; use create for a new one");
        }
        ForwardConfig wanted = normalized(config);
        return change("saving forward " + config.id(), (c, changes) -> {
            StoredConfig existing = table.get(c, wanted.id())
                    .orElseThrow(() -> invalid("id", "no forward definition with id " + wanted.id()));
            if (existing.config().equals(wanted)) {
                return wanted;
            }
            requireAliasFree(c, wanted);
            table.update(c, new StoredConfig(wanted, existing.kftrayExtra()), System.currentTimeMillis());
            changes.accept(new ConfigChange(ConfigChange.Kind.UPDATED, wanted.id(), false));
            return wanted;
        });
    }

    @Override
    public boolean delete(long id) {
        return change("deleting forward " + id, (c, changes) -> {
            boolean deleted = table.delete(c, id);
            if (deleted) {
                changes.accept(new ConfigChange(ConfigChange.Kind.DELETED, id, false));
            }
            return deleted;
        });
    }

    @Override
    public ImportResult importJson(String json) {
        KftrayJsonReader.Parsed parsed = reader.read(json);
        ImportResult result = change("importing " + parsed.entries().size() + " forward definitions",
                (c, changes) -> importer.apply(c, parsed, changes, System.currentTimeMillis()));
        result.warnings().forEach(warning -> LOG.warn("Import: {}", warning));
        return result;
    }

    @Override
    public ImportResult importConfigs(List<ForwardConfig> configs) {
        List<KftrayJsonReader.Entry> entries = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            entries.add(new KftrayJsonReader.Entry(i, StoredConfig.of(configs.get(i).toBuilder().id(null).build()),
                    List.of()));
        }
        KftrayJsonReader.Parsed parsed = new KftrayJsonReader.Parsed(entries, List.of());
        return change("importing " + entries.size() + " found forward definitions",
                (c, changes) -> importer.apply(c, parsed, changes, System.currentTimeMillis()));
    }

    @Override
    public ReplaceResult replaceJson(String json) {
        KftrayJsonReader.Parsed parsed = reader.read(json);
        ReplaceResult result = change("replacing the forward definitions with " + parsed.entries().size(), (c, changes) -> {
            Set<Long> kept = new HashSet<>();
            ImportResult imported = importer.apply(c, parsed, changes, System.currentTimeMillis(), kept);
            List<Long> removed = new ArrayList<>();
            for (StoredConfig stored : table.list(c, null)) {
                if (!kept.contains(stored.id()) && table.delete(c, stored.id())) {
                    removed.add(stored.id());
                    changes.accept(new ConfigChange(ConfigChange.Kind.DELETED, stored.id(), false));
                }
            }
            return new ReplaceResult(imported, removed);
        });
        result.imported().warnings().forEach(warning -> LOG.warn("Import: {}", warning));
        return result;
    }

    @Override
    public String exportJson(Collection<Long> ids) {
        List<StoredConfig> all = database.read("exporting forward definitions", c -> table.list(c, null));
        List<StoredConfig> chosen = all;
        if (ids != null && !ids.isEmpty()) {
            Map<Long, StoredConfig> byId = all.stream().collect(Collectors.toMap(StoredConfig::id, Function.identity()));
            List<FieldError> missing = ids.stream().filter(id -> !byId.containsKey(id))
                    .map(id -> new FieldError("ids", "no forward definition with id " + id)).toList();
            if (!missing.isEmpty()) {
                throw new InvalidConfigException(missing);
            }
            chosen = all.stream().filter(stored -> ids.contains(stored.id())).toList();
        }
        try {
            return mapper.writeValueAsString(writer.write(chosen));
        } catch (JsonProcessingException e) {
            throw new StorageException("cannot write the export of " + database.file() + " as JSON", e);
        }
    }

    @Override
    public void backup(Path file) {
        backups.backup(database, file);
    }

    @Override
    public void restore(Path file) {
        backups.validate(file);
        List<StoredConfig> before = database.read("reading definitions before a restore", c -> table.list(c, null));
        long lastChange = database.read("reading the change log", ChangeLog::lastId);
        try {
            backups.restore(database, file);
        } finally {
            logLimits.changed(); // a restore may change what no change-log row names (the kftray extras)
        }
        migrator.migrate(database);
        List<ConfigChange> changes = database.write("announcing the restore of " + file, c -> {
            List<ConfigChange> diff = RestoreDiff.changes(configs(before), configs(table.list(c, null)));
            RestoreDiff.forgetRuntimeState(c);
            ChangeLog.continueAfter(c, lastChange);
            ChangeLog.append(c, diff, writerName, System.currentTimeMillis());
            return diff;
        });
        notifier.publish(changes);
        LOG.info("Restored {} from {}", database.file(), file);
    }

    @Override
    public Optional<String> setting(String key) {
        return database.read("reading setting " + key, c -> SettingsTable.get(c, requireKey(key)));
    }

    @Override
    public void putSetting(String key, String value) {
        database.write("saving setting " + key,
                c -> SettingsTable.put(c, requireKey(key), value, System.currentTimeMillis()));
    }

    /** Runs a write and announces its changes once committed. */
    private <T> T change(String action, ChangeWork<T> work) {
        List<ConfigChange> changes = new ArrayList<>();
        T result;
        try {
            result = database.write(action, c -> {
                changes.clear();
                T value = work.apply(c, changes::add);
                ChangeLog.append(c, changes, writerName, System.currentTimeMillis());
                return value;
            });
        } finally {
            logLimits.changed(); // after the commit, so no reader keeps what it read before it
        }
        notifier.publish(changes);
        return result;
    }

    private void requireAliasFree(Connection connection, ForwardConfig wanted) throws SQLException {
        Optional<ForwardConfig> holder = table.aliasHolder(connection, wanted);
        if (holder.isPresent()) {
            throw new ConflictException(ConflictMessages.aliasTaken(wanted, holder.get()));
        }
    }

    private static ForwardConfig normalized(ForwardConfig config) {
        StoreRules.require(config);
        boolean noAlias = config.alias() != null && config.alias().isBlank();
        return noAlias ? config.toBuilder().alias(null).build() : config;
    }

    private static List<ForwardConfig> configs(List<StoredConfig> stored) {
        return stored.stream().map(StoredConfig::config).toList();
    }

    private static String requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a setting needs a non-blank key");
        }
        return key;
    }

    private static InvalidConfigException invalid(String field, String message) {
        return new InvalidConfigException(List.of(new FieldError(field, message)));
    }

    /** A write that reports the changes it made. */
    @FunctionalInterface
    private interface ChangeWork<T> {
        T apply(Connection connection, Consumer<ConfigChange> changes) throws SQLException;
    }
}
