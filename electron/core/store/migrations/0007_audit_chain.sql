-- A tamper-evident audit log (issue #13). Each record carries a SHA-256 over its own content and the
-- previous record's hash, so an edit, a replacement (INSERT OR REPLACE bypasses the update trigger), a
-- deletion or a reordering breaks the chain where it happened (electron/core/audit/verifyAuditChain.ts).
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

-- Records written before the chain existed are sealed once, in order, at the next start; any record
-- after these without a hash is a break, not something to seal.
CREATE TABLE audit_chain_start (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  legacy_through INTEGER NOT NULL
) STRICT;
INSERT INTO audit_chain_start (id, legacy_through) SELECT 1, coalesce(max(seq), 0) FROM audit_log;

-- Sealing sets the two hash columns of a legacy record once; everything else stays refused.
DROP TRIGGER audit_log_no_update;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN OLD.hash IS NOT NULL
  OR OLD.seq > (SELECT legacy_through FROM audit_chain_start WHERE id = 1)
  OR NEW.seq IS NOT OLD.seq OR NEW.at IS NOT OLD.at OR NEW.request_id IS NOT OLD.request_id
  OR NEW.actor_os_user IS NOT OLD.actor_os_user OR NEW.actor_db_user IS NOT OLD.actor_db_user
  OR NEW.actor_aws IS NOT OLD.actor_aws OR NEW.connection_id IS NOT OLD.connection_id
  OR NEW.action IS NOT OLD.action OR NEW.target_json IS NOT OLD.target_json
  OR NEW.params_json IS NOT OLD.params_json OR NEW.reason IS NOT OLD.reason
  OR NEW.before_text IS NOT OLD.before_text OR NEW.after_text IS NOT OLD.after_text
  OR NEW.outcome IS NOT OLD.outcome OR NEW.message IS NOT OLD.message
BEGIN
  SELECT RAISE(ABORT, 'audit records are never edited');
END;

-- A refusal repeated from one door (same action, same message) within its window is counted on the
-- first record instead of written again, so a flood of refused calls cannot fill the log. Counts are
-- not part of the chain: they only ever grow, and the first refusal itself is chained.
CREATE TABLE audit_repeats (
  seq     INTEGER PRIMARY KEY REFERENCES audit_log (seq),
  count   INTEGER NOT NULL,
  last_at TEXT NOT NULL
) STRICT;
