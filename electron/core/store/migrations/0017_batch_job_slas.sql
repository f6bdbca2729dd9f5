-- Per-job SLAs (issue #10): "this job done by 05:30 local". Changed through batches.setJobSla, which
-- writes the audit log. Configuration, not history: one row per job that has one.
CREATE TABLE batch_job_slas (
  connection_id TEXT NOT NULL,
  label         TEXT NOT NULL,
  -- Minutes after local midnight of the night's date, in the connection's business time zone.
  sla_minute    INTEGER NOT NULL CHECK (sla_minute BETWEEN 0 AND 1439),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (connection_id, label)
) STRICT;
