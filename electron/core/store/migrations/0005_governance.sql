-- Exactly-once admin actions (issue #6). Every action carries an idempotency key; the first call with
-- a key records it here before touching Redshift, and a repeat (double click, retry after a timeout,
-- a second window) gets the stored result instead of a second call and a second audit record.
CREATE TABLE action_requests (
  idempotency_key TEXT PRIMARY KEY,
  action          TEXT NOT NULL,
  connection_id   TEXT NOT NULL,
  request_id      TEXT NOT NULL,
  -- running: Redshift may have been called and the outcome is not known yet (a crash leaves it so);
  -- finished: result_json holds the ActionResult to replay; failed: a new call may try again.
  state           TEXT NOT NULL CHECK (state IN ('running', 'finished', 'failed')),
  result_json     TEXT,
  created_at      TEXT NOT NULL,
  finished_at     TEXT
) STRICT;
