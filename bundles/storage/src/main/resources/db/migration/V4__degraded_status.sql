-- A forward that listens while its connections keep failing is DEGRADED. SQLite cannot change a
-- CHECK constraint in place, so runtime_state is rebuilt with the new set and its rows copied over.
CREATE TABLE runtime_state_v2 (
    config_id          INTEGER PRIMARY KEY REFERENCES configs (id) ON DELETE CASCADE,
    status             TEXT    NOT NULL CHECK (status IN ('STOPPED', 'STARTING', 'RUNNING', 'RECONNECTING',
                                                          'DEGRADED', 'FAILED')),
    owner_pid          INTEGER NOT NULL,
    owner_host         TEXT    NOT NULL,
    heartbeat          INTEGER NOT NULL,
    since              INTEGER NOT NULL,
    bound_address      TEXT,
    pod                TEXT,
    last_error         TEXT,
    active_connections INTEGER NOT NULL DEFAULT 0,
    total_connections  INTEGER NOT NULL DEFAULT 0,
    bytes_in           INTEGER NOT NULL DEFAULT 0,
    bytes_out          INTEGER NOT NULL DEFAULT 0,
    reconnects         INTEGER NOT NULL DEFAULT 0
);
INSERT INTO runtime_state_v2 (config_id, status, owner_pid, owner_host, heartbeat, since, bound_address, pod,
                              last_error, active_connections, total_connections, bytes_in, bytes_out, reconnects)
    SELECT config_id, status, owner_pid, owner_host, heartbeat, since, bound_address, pod, last_error,
           active_connections, total_connections, bytes_in, bytes_out, reconnects
    FROM runtime_state;
DROP TABLE runtime_state;
ALTER TABLE runtime_state_v2 RENAME TO runtime_state;
CREATE INDEX runtime_state_owner ON runtime_state (owner_host, owner_pid);
