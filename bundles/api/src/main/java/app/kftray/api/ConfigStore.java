package app.kftray.api;

import app.kftray.api.model.ExposeOptions;
import app.kftray.api.model.ForwardConfig;
import app.kftray.api.model.HttpLogLimits;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The saved forward definitions, shared by every kftray process on the machine.
 * Changes made here or by another process are announced to {@link ConfigListener}s.
 */
@ProviderType
public interface ConfigStore {

    /** @return every definition, ordered by id */
    List<ForwardConfig> list();

    /**
     * @param filter criteria; {@code null} fields match anything
     * @return matching definitions, ordered by id
     */
    List<ForwardConfig> list(ConfigFilter filter);

    /**
     * @param id database id
     * @return the definition, if it exists
     */
    Optional<ForwardConfig> get(long id);

    /**
     * @param id database id of an {@link app.kftray.api.model.WorkloadType#EXPOSE} definition
     * @return how it is published (kftray's exposure and Ingress fields); empty when there is no such
     *         definition or the store keeps no such fields
     * @since 1.5
     */
    default Optional<ExposeOptions> exposeOptions(long id) {
        return Optional.empty();
    }

    /**
     * @return the HTTP log limits of the definitions that set their own (kftray's {@code http_logs_*}
     *         fields), by database id; definitions without any are left out
     * @since 1.6
     */
    default Map<Long, HttpLogLimits> httpLogLimits() {
        return Map.of();
    }

    /**
     * Finds a definition as a user names it on the command line.
     *
     * @param idOrAlias a numeric id or an alias (unique aliases only)
     * @return the definition, if exactly one matches
     */
    Optional<ForwardConfig> find(String idOrAlias);

    /**
     * @param config a definition without id
     * @return the stored definition with its new id
     * @throws InvalidConfigException if a field is bad
     * @throws ConflictException      if the alias is taken in the same context and namespace
     */
    ForwardConfig create(ForwardConfig config);

    /**
     * @param config a definition with the id of an existing one
     * @return the stored definition
     * @throws InvalidConfigException if a field is bad or the id is unknown
     * @throws ConflictException      if the alias is taken in the same context and namespace
     */
    ForwardConfig update(ForwardConfig config);

    /**
     * @param id database id
     * @return whether something was deleted
     */
    boolean delete(long id);

    /**
     * Imports kftray-compatible JSON (an array of definitions, or one object). All or
     * nothing: one bad entry and nothing is written. Entries equal to existing ones are
     * merged rather than duplicated.
     *
     * @param json the file content
     * @return what happened
     * @throws InvalidConfigException listing every bad entry with its index and field
     */
    ImportResult importJson(String json);

    /**
     * Imports definitions found elsewhere (such as annotated services of a cluster) with the
     * same rules as {@link #importJson(String)}: all or nothing, and entries equal to existing
     * definitions are merged rather than duplicated.
     *
     * @param configs definitions without ids
     * @return what happened
     * @throws InvalidConfigException listing every bad entry with its index and field
     * @since 1.5
     */
    default ImportResult importConfigs(List<ForwardConfig> configs) {
        throw new UnsupportedOperationException("this store cannot import definitions");
    }

    /**
     * Makes the saved definitions those of kftray-compatible JSON: entries are merged into
     * the definitions they match (as by {@link #importJson(String)}, so matched forwards keep
     * their ids) and every saved definition no entry matches is deleted. All or nothing.
     *
     * @param json the file content
     * @return what happened
     * @throws InvalidConfigException listing every bad entry with its index and field
     * @since 1.5
     */
    default ReplaceResult replaceJson(String json) {
        throw new UnsupportedOperationException("this store cannot replace its definitions");
    }

    /**
     * @param ids definitions to export; empty for all
     * @return kftray-compatible JSON (an array)
     */
    String exportJson(Collection<Long> ids);

    /**
     * Copies the database to a file with SQLite's online backup, safe while in use.
     *
     * @param file target file (created owner-only)
     */
    void backup(Path file);

    /**
     * Replaces the database content with a backup after checking it is a kftray
     * database of a known schema version.
     *
     * @param file a file made by {@link #backup(Path)}
     */
    void restore(Path file);

    /**
     * @param key setting name
     * @return its value, if set
     */
    Optional<String> setting(String key);

    /**
     * @param key   setting name
     * @param value new value, or {@code null} to remove the setting (its default applies again)
     */
    void putSetting(String key, String value);

    /**
     * Criteria for {@link #list(ConfigFilter)}.
     *
     * @param context   kube context, or {@code null}
     * @param namespace namespace, or {@code null}
     * @param alias     alias, or {@code null}
     */
    record ConfigFilter(String context, String namespace, String alias) {
    }

    /**
     * Outcome of an import.
     *
     * @param created  ids of new definitions
     * @param updated  ids of merged definitions that changed
     * @param unchanged number of entries identical to existing definitions
     * @param warnings notes for the user, such as ignored unknown fields
     */
    record ImportResult(List<Long> created, List<Long> updated, int unchanged, List<String> warnings) {
        public ImportResult {
            created = List.copyOf(created);
            updated = List.copyOf(updated);
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Outcome of {@link #replaceJson(String)}.
     *
     * @param imported what the import of the entries did
     * @param removed  ids of deleted definitions that no entry matched
     * @since 1.5
     */
    record ReplaceResult(ImportResult imported, List<Long> removed) {
        public ReplaceResult {
            removed = List.copyOf(removed);
        }
    }
}
