-- kftray's expose workload (a port of this machine published in the cluster) becomes a valid
-- workload_type. SQLite cannot alter a CHECK constraint, and rebuilding the table would cascade
-- deletes into the tables that reference it; so the constraint's text is edited in place, which
-- SQLite documents as safe for CHECK constraints, and the schema is reloaded.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
   SET sql = replace(sql, '''proxy'', ''namespace'')', '''proxy'', ''namespace'', ''expose'')')
 WHERE type = 'table' AND name = 'configs';
PRAGMA writable_schema = RESET;
PRAGMA writable_schema = OFF;
-- a schema change other connections notice (the edit above does not change the schema cookie)
CREATE TABLE expose_schema_reload (x INTEGER);
DROP TABLE expose_schema_reload;
