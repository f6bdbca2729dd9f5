-- queries.fingerprints and the newly-slow verdict (issue #14 speed, issue #12): each block of the
-- fingerprint rollup (0018) also keeps the bounds of its runs' median and p95, read off its histogram at
-- ingest (FingerprintDays.ts). A percentile of several blocks together lies between the lowest and the
-- highest of theirs, so a reader bounds a range's median and p95 with min/max in SQL, without moving
-- every block's histogram to JavaScript and merging it (rolledFingerprints.ts). NULL until counted: the
-- blocks stored before this migration get theirs when the store is opened (ensureFingerprintBounds).
ALTER TABLE fingerprint_days ADD COLUMN p50_lo_us INTEGER;
ALTER TABLE fingerprint_days ADD COLUMN p50_hi_us INTEGER;
ALTER TABLE fingerprint_days ADD COLUMN p95_hi_us INTEGER;

-- The blocks still to count, found at open without reading the whole rollup (empty once counted).
CREATE INDEX fingerprint_days_unbounded ON fingerprint_days (connection_id) WHERE p50_lo_us IS NULL;
