package app.kftray.storage.internal;

import app.kftray.api.ConfigStore.ImportResult;
import app.kftray.api.InvalidConfigException;
import app.kftray.api.model.ConfigChange;
import app.kftray.api.model.FieldError;
import app.kftray.api.model.ForwardConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Writes parsed import entries inside the caller's transaction: merges them into matching
 * stored definitions, inserts the rest, and fails as a whole, naming every bad field of
 * every entry, when one is invalid or its alias is taken.
 */
final class ConfigImporter {
    private final ConfigTable table;

    ConfigImporter(ConfigTable table) {
        this.table = table;
    }

    /**
     * @param connection the connection, inside a write transaction
     * @param parsed     the entries read from the file
     * @param changes    receives one change per written definition
     * @param now        the time of the import
     * @return what happened
     * @throws InvalidConfigException naming every bad field as {@code [index].field}; the caller rolls back
     */
    ImportResult apply(Connection connection, KftrayJsonReader.Parsed parsed, Consumer<ConfigChange> changes,
                       long now) throws SQLException {
        return apply(connection, parsed, changes, now, new LinkedHashSet<>());
    }

    /**
     * Like {@link #apply(Connection, KftrayJsonReader.Parsed, Consumer, long)}, also naming every
     * definition an entry landed on (created, updated or unchanged), so a replace knows what to keep.
     *
     * @param landedOn receives the ids of those definitions
     */
    ImportResult apply(Connection connection, KftrayJsonReader.Parsed parsed, Consumer<ConfigChange> changes,
                       long now, Set<Long> landedOn) throws SQLException {
        Map<List<Object>, List<StoredConfig>> known = new HashMap<>();
        table.list(connection, null).forEach(stored -> candidates(known, stored).add(stored));
        List<FieldError> errors = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        Set<Long> updated = new LinkedHashSet<>();
        int unchanged = 0;
        for (KftrayJsonReader.Entry entry : parsed.entries()) {
            if (entry.stored() == null) {
                errors.addAll(entry.errors());
                continue;
            }
            List<StoredConfig> candidates = candidates(known, entry.stored());
            Optional<StoredConfig> match = candidates.stream()
                    .filter(stored -> ImportMerger.sameForward(stored.config(), entry.stored().config())).findFirst();
            StoredConfig toWrite = match.map(stored -> ImportMerger.merge(stored, entry.stored())).orElse(entry.stored());
            List<FieldError> entryErrors = withRuleErrors(entry, toWrite.config());
            if (entryErrors.isEmpty()) {
                table.aliasHolder(connection, toWrite.config()).ifPresent(holder -> entryErrors.add(new FieldError(
                        "[" + entry.index() + "].alias", ConflictMessages.aliasTaken(toWrite.config(), holder))));
            }
            if (!entryErrors.isEmpty()) {
                errors.addAll(entryErrors);
            } else if (match.isPresent() && sameContent(match.get(), toWrite)) {
                unchanged++;
                landedOn.add(toWrite.id());
            } else if (match.isPresent()) {
                table.update(connection, toWrite, now);
                landedOn.add(toWrite.id());
                candidates.set(candidates.indexOf(match.get()), toWrite);
                if (!created.contains(toWrite.id())) {
                    updated.add(toWrite.id());
                }
                changes.accept(new ConfigChange(ConfigChange.Kind.UPDATED, toWrite.id(), false));
            } else {
                StoredConfig inserted = toWrite.withId(table.insert(connection, toWrite, now));
                candidates.add(inserted);
                created.add(inserted.id());
                landedOn.add(inserted.id());
                changes.accept(new ConfigChange(ConfigChange.Kind.CREATED, inserted.id(), false));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidConfigException(errors);
        }
        return new ImportResult(created, new ArrayList<>(updated), unchanged, parsed.warnings());
    }

    /**
     * Checks the definition as it will be written (after merging, so an alias the import
     * leaves empty is the stored one), skipping fields already reported as mistyped.
     */
    private static List<FieldError> withRuleErrors(KftrayJsonReader.Entry entry, ForwardConfig config) {
        String prefix = "[" + entry.index() + "].";
        List<FieldError> errors = new ArrayList<>(entry.errors());
        Set<String> reported = errors.stream().map(FieldError::field).collect(Collectors.toSet());
        for (FieldError error : StoreRules.check(config)) {
            if (!reported.contains(prefix + error.field())) {
                errors.add(new FieldError(prefix + error.field(), error.message()));
            }
        }
        return errors;
    }

    private static List<StoredConfig> candidates(Map<List<Object>, List<StoredConfig>> known, StoredConfig config) {
        return known.computeIfAbsent(ImportMerger.bucket(config.config()), key -> new ArrayList<>());
    }

    private static boolean sameContent(StoredConfig a, StoredConfig b) {
        return a.config().equals(b.config()) && a.kftrayExtra().equals(b.kftrayExtra());
    }
}
