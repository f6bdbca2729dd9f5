-- Alerting (issue #12): per-connection schedule and webhook, incidents (one per rule + subject), the
-- digests as they were sent, and the outbox every page and digest is written to before it is sent.

CREATE TABLE alert_schedules (
  connection_id      TEXT PRIMARY KEY,
  time_zone          TEXT NOT NULL,
  digest_at          TEXT NOT NULL,
  quiet_from         TEXT NOT NULL,
  quiet_to           TEXT NOT NULL,
  hold_down_minutes  INTEGER NOT NULL,
  -- Start of the period the next digest covers (the previous digest's instant).
  digest_from_us     INTEGER NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;

-- The webhook URL is a secret (Slack's carries its token): sealed with the OS keychain, or kept for
-- this run only (url_sealed NULL) when there is none; url_hint is scheme + host, for the UI.
CREATE TABLE alert_channels (
  connection_id TEXT PRIMARY KEY,
  format        TEXT NOT NULL CHECK (format IN ('json', 'slack')),
  url_source    TEXT NOT NULL CHECK (url_source IN ('keychain', 'session')),
  url_sealed    BLOB,
  url_hint      TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE alert_incidents (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  rule_id       TEXT NOT NULL,
  rule          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  severity      TEXT NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
  message       TEXT NOT NULL,
  link          TEXT NOT NULL,
  first_seen_us INTEGER NOT NULL,
  last_seen_us  INTEGER NOT NULL,
  count         INTEGER NOT NULL,
  resolved_us   INTEGER,
  paged_us      INTEGER,
  ack_by        TEXT,
  ack_at_us     INTEGER,
  ack_note      TEXT
) STRICT;

CREATE UNIQUE INDEX alert_incidents_one_open ON alert_incidents (connection_id, rule_id, subject)
  WHERE resolved_us IS NULL;
CREATE INDEX alert_incidents_by_subject ON alert_incidents (connection_id, rule_id, subject, resolved_us);
CREATE INDEX alert_incidents_by_seen ON alert_incidents (connection_id, last_seen_us);

-- One row per digest period that was due, written once (period_end_us is the digest instant).
CREATE TABLE alert_digests (
  connection_id   TEXT NOT NULL,
  period_end_us   INTEGER NOT NULL,
  period_start_us INTEGER NOT NULL,
  digest_json     TEXT NOT NULL,
  PRIMARY KEY (connection_id, period_end_us)
) STRICT;

-- Written in the same transaction as what caused it; delivery_id is stable (page:<incident>,
-- digest:<connection>:<period end>) so a receiver drops a repeat after a crash during sending.
CREATE TABLE alert_outbox (
  delivery_id     TEXT PRIMARY KEY,
  connection_id   TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('page', 'digest')),
  channel         TEXT NOT NULL,
  summary         TEXT NOT NULL,
  payload_json    TEXT NOT NULL,
  created_us      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_us INTEGER NOT NULL,
  sent_us         INTEGER,
  last_error      TEXT
) STRICT;

CREATE INDEX alert_outbox_due ON alert_outbox (next_attempt_us) WHERE sent_us IS NULL;
CREATE INDEX alert_outbox_by_connection ON alert_outbox (connection_id, created_us);
