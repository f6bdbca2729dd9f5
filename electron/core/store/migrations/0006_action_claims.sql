-- Exactly once across processes (issue #13). A key is claimed inside one IMMEDIATE transaction, so two
-- processes on one store cannot both act on it: the claim records what the key was for (a hash of the
-- method, connection and arguments), which target it acts on, and which process holds it.
ALTER TABLE action_requests ADD COLUMN request_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE action_requests ADD COLUMN target_key TEXT NOT NULL DEFAULT '';
ALTER TABLE action_requests ADD COLUMN target_label TEXT NOT NULL DEFAULT '';
ALTER TABLE action_requests ADD COLUMN owner_pid INTEGER NOT NULL DEFAULT 0;

-- One action per target at a time, enforced by SQLite itself whatever process asks.
CREATE UNIQUE INDEX action_requests_one_running_per_target
  ON action_requests (target_key) WHERE state = 'running' AND target_key <> '';

-- The process that writes to this store (one row at most). Claimed in a write transaction, so two
-- processes starting on one data directory cannot both take it; a second one names the first.
CREATE TABLE store_owner (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  pid        INTEGER NOT NULL,
  host       TEXT NOT NULL,
  door       TEXT NOT NULL,
  started_at TEXT NOT NULL
) STRICT;
