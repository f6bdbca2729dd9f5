-- Nightly batches (issue #10): Serverless has no CPU time per statement (SYS_QUERY_DETAIL and
-- SYS_QUERY_HISTORY carry none, REFERENCE 1.24), only rows scanned. The rollups counted every statement
-- with metrics as measured for both, so a Serverless job showed 0 ms of CPU. They now count the
-- statements whose CPU is known apart: no such statement, no CPU figure.
ALTER TABLE batch_label_nights ADD COLUMN cpu_measured INTEGER NOT NULL DEFAULT 0;

-- Rollups of connections whose metrics carry CPU (provisioned: SVL_QUERY_METRICS_SUMMARY) keep their CPU
-- figures; one look per connection, not per row. Every connection with rollups, whether or not its batch
-- settings were ever changed (most keep the defaults and have no batch_settings row).
UPDATE batch_label_nights SET cpu_measured = measured
WHERE connection_id IN (
  SELECT c.connection_id FROM (SELECT DISTINCT connection_id FROM batch_label_nights) c
  WHERE EXISTS (SELECT 1 FROM query_metrics m WHERE m.connection_id = c.connection_id AND m.cpu_us IS NOT NULL)
);
