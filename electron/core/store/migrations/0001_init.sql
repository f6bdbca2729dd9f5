-- The first tables: saved connections (never a plain-text secret), app settings, and the audit log.
-- Migrations are append-only: never edit this file once released; add 0002_... instead.

CREATE TABLE connections (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('demo', 'direct', 'cluster')),
  target_json     TEXT NOT NULL,
  -- Encrypted with the OS keychain (Electron safeStorage); NULL when the password lives elsewhere.
  password_sealed BLOB,
  password_source TEXT NOT NULL CHECK (password_source IN ('keychain', 'session', 'environment', 'temporary', 'none')),
  created_at      TEXT NOT NULL
) STRICT;

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- One row per action, refused and failed ones included. The app only ever inserts here; the triggers
-- below make an edit or a delete fail loudly.
CREATE TABLE audit_log (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  request_id    TEXT NOT NULL,
  actor_os_user TEXT NOT NULL,
  actor_db_user TEXT,
  actor_aws     TEXT,
  connection_id TEXT,
  action        TEXT NOT NULL,
  target_json   TEXT,
  params_json   TEXT,
  reason        TEXT,
  before_text   TEXT,
  after_text    TEXT,
  outcome       TEXT NOT NULL,
  message       TEXT
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit records are never edited');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'audit records are never deleted');
END;
