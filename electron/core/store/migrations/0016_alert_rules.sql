-- Alert rules editable in the app (issue #12): every save of a rule's settings is a new version (the
-- evaluator uses the latest; the history stays viewable), per connection ('' = every connection).
-- Exemptions and snoozes hold back findings of a rule, job, feed or queue until they end by themselves;
-- what they held back is still recorded (alert_incidents.suppressed_by), never lost.

CREATE TABLE alert_rule_versions (
  rule_id       TEXT NOT NULL,
  connection_id TEXT NOT NULL,
  version       INTEGER NOT NULL,
  settings_json TEXT NOT NULL,
  author        TEXT NOT NULL,
  note          TEXT NOT NULL,
  created_us    INTEGER NOT NULL,
  PRIMARY KEY (rule_id, connection_id, version)
) STRICT;

CREATE TABLE alert_exemptions (
  id            INTEGER PRIMARY KEY,
  connection_id TEXT NOT NULL,
  kind          TEXT NOT NULL CHECK (kind IN ('rule', 'job', 'feed', 'queue')),
  target        TEXT NOT NULL,
  -- Only this rule's findings (NULL: every rule's findings about the target).
  rule_id       TEXT,
  -- Recurring: JSON list of local weekdays (0 = Sunday) in time_zone; NULL: a snooze from..until.
  weekdays      TEXT,
  time_zone     TEXT NOT NULL,
  from_us       INTEGER NOT NULL,
  until_us      INTEGER NOT NULL,
  author        TEXT NOT NULL,
  reason        TEXT NOT NULL,
  created_us    INTEGER NOT NULL,
  ended_us      INTEGER,
  ended_by      TEXT
) STRICT;

CREATE INDEX alert_exemptions_active ON alert_exemptions (connection_id, until_us);

ALTER TABLE alert_incidents ADD COLUMN suppressed_by INTEGER;
