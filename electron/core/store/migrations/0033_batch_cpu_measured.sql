-- Nightly batches (issue #10): Serverless has no CPU time per statement (SYS_QUERY_DETAIL and
-- SYS_QUERY_HISTORY carry none, REFERENCE 1.24), only rows scanned. The rollups counted every statement
-- with metrics as measured for both, so a Serverless job showed 0 ms of CPU. They now count the
-- statements whose CPU is known apart: no such statement, no CPU figure.
ALTER TABLE batch_label_nights ADD COLUMN cpu_measured INTEGER NOT NULL DEFAULT 0;

-- Rollups of connections whose metrics carry CPU (provisioned: SVL_QUERY_METRICS_SUMMARY) keep their CPU
-- figures; one look per connection, not per row.
UPDATE batch_label_nights SET cpu_measured = measured
WHERE connection_id IN (
  SELECT s.connection_id FROM batch_settings s
  WHERE EXISTS (SELECT 1 FROM query_metrics m WHERE m.connection_id = s.connection_id AND m.cpu_us IS NOT NULL)
);
