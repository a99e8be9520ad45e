-- kftray schema, version 1. Times are milliseconds since the epoch (UTC).

-- Saved forward definitions: every ForwardConfig field, plus kftray fields we keep
-- for round trips but do not model (kftray_extra, a JSON object). Only the kubeconfig
-- path and the context name are stored, never credentials.
CREATE TABLE configs (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    alias                 TEXT,
    context               TEXT,
    kubeconfig            TEXT,
    namespace             TEXT    NOT NULL,
    workload_type         TEXT    NOT NULL CHECK (workload_type IN ('service', 'pod', 'proxy', 'namespace')),
    service               TEXT,
    target                TEXT,
    remote_port           TEXT,
    local_port            INTEGER NOT NULL DEFAULT 0 CHECK (local_port BETWEEN 0 AND 65535),
    local_address         TEXT,
    auto_loopback_address INTEGER NOT NULL DEFAULT 0,
    protocol              TEXT    NOT NULL DEFAULT 'tcp',
    remote_address        TEXT,
    domain_enabled        INTEGER NOT NULL DEFAULT 0,
    http_logs_enabled     INTEGER NOT NULL DEFAULT 0,
    auto_start            INTEGER NOT NULL DEFAULT 0,
    kftray_extra          TEXT,
    created_at            INTEGER NOT NULL,
    updated_at            INTEGER NOT NULL
);
-- one alias per context and namespace (a missing context is the kubeconfig's current one)
CREATE UNIQUE INDEX configs_alias_unique ON configs (ifnull(context, ''), namespace, alias) WHERE alias IS NOT NULL;

-- Runtime state of forwards; owner = process id + host name, heartbeat refreshed by the owner.
CREATE TABLE runtime_state (
    config_id          INTEGER PRIMARY KEY REFERENCES configs (id) ON DELETE CASCADE,
    status             TEXT    NOT NULL CHECK (status IN ('STOPPED', 'STARTING', 'RUNNING', 'RECONNECTING', 'FAILED')),
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
CREATE INDEX runtime_state_owner ON runtime_state (owner_host, owner_pid);

-- Processes that use the database and their heartbeat (liveness of owners).
CREATE TABLE processes (
    pid        INTEGER NOT NULL,
    host       TEXT    NOT NULL,
    heartbeat  INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    PRIMARY KEY (host, pid)
);

-- Status changes of forwards, newest kept, bounded per config by the store.
CREATE TABLE state_history (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    config_id     INTEGER NOT NULL REFERENCES configs (id) ON DELETE CASCADE,
    status        TEXT    NOT NULL,
    owner_pid     INTEGER,
    owner_host    TEXT,
    since         INTEGER NOT NULL,
    bound_address TEXT,
    pod           TEXT,
    last_error    TEXT,
    at            INTEGER NOT NULL
);
CREATE INDEX state_history_config ON state_history (config_id, id);

-- Requests from one process to the process owning a forward.
CREATE TABLE control_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    config_id    INTEGER NOT NULL REFERENCES configs (id) ON DELETE CASCADE,
    action       TEXT    NOT NULL CHECK (action IN ('START', 'STOP', 'RESTART')),
    target_pid   INTEGER NOT NULL,
    target_host  TEXT    NOT NULL,
    requested_at INTEGER NOT NULL
);
CREATE INDEX control_requests_target ON control_requests (target_host, target_pid, id);

-- Application settings as key/value strings.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Every change of a definition, so other processes read only what is new.
-- writer names the store instance that wrote it; rows expire after a while.
CREATE TABLE change_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    config_id INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'DELETED')),
    writer    TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX change_log_at ON change_log (at);
