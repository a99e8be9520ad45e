package app.kftray.storage.internal;

import app.kftray.api.model.ForwardConfig;

/** Wording of uniqueness conflicts, shared by single writes and imports. */
final class ConflictMessages {
    private ConflictMessages() {
    }

    /**
     * @param wanted the definition being written
     * @param holder the stored definition that has the alias
     * @return what conflicts and what to do
     */
    static String aliasTaken(ForwardConfig wanted, ForwardConfig holder) {
        String context = wanted.context() == null ? "the current context" : "context '" + wanted.context() + "'";
        return "alias '" + wanted.alias() + "' is already used by forward " + holder.id() + " in " + context
                + ", namespace '" + wanted.namespace() + "'; choose another alias";
    }
}
