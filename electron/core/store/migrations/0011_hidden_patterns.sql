-- Statements hidden from lists by pattern (issue #14). Append-only like every migration.

-- Per connection: SQL LIKE patterns (% and _, case-insensitive for ASCII, matched against the whole
-- statement text), one row per connection holding a JSON array. A connection without a row uses the
-- defaults (the demo's own sleeps for a demo connection, nothing otherwise). Changed through
-- lists.setHiddenPatterns, which writes the audit log. A setting, not history: no retention.
CREATE TABLE hidden_patterns (
  connection_id TEXT PRIMARY KEY,
  patterns_json TEXT NOT NULL,
  updated_at    TEXT NOT NULL
) STRICT;
