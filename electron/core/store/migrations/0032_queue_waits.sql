-- wlm.pressure's queue wait percentiles (issue #14, "Speed"): the statements that started in each bucket,
-- per queue, and how long each waited. This index covers that read (readWlmPressure.ts), so SQLite walks
-- the index in start order and never visits the table's rows: over 90 days / 500,000 statements the
-- table lookups were most of the first call on a first install.
CREATE INDEX queries_by_start_wait ON queries (connection_id, start_us, service_class, queue_us);
