// How big any argument of the API may be (issue #13, defect 4). Every string and list a caller sends is
// bounded here, by what Redshift itself allows where it says, so no call can carry megabytes into the
// store, the audit log or a log line. shared/validate.ts applies them; the doors and the renderer may
// quote them.

/** Saved connection ids (UUIDs) and other ids Nightshift makes. */
export const ID_MAX_CHARS = 100;
/** Redshift identifiers (database, user, table and column names) are at most 127 bytes. */
export const IDENTIFIER_MAX_CHARS = 127;
/** query_group labels: STL_QUERY.label is character(320). */
export const QUERY_LABEL_MAX_CHARS = 320;
/** A DNS name is at most 253 characters. */
export const HOST_MAX_CHARS = 253;
/** What a user calls a connection in the list. */
export const CONNECTION_NAME_MAX_CHARS = 80;
/** Redshift passwords are 8-64 characters; a PostgreSQL-compatible server may take longer ones. */
export const PASSWORD_MAX_CHARS = 1024;
/** Custom AWS endpoints: URLs are kept well under what browsers and proxies accept. */
export const URL_MAX_CHARS = 2048;
/** AWS named profiles; a region such as eu-west-1. */
export const AWS_NAME_MAX_CHARS = 128;
export const REGION_MAX_CHARS = 32;
/** An ISO-8601 instant with nanoseconds and an offset is 35 characters. */
export const INSTANT_MAX_CHARS = 40;

/** Text filters (statement text, audit text): a search, not a document. */
export const FILTER_TEXT_MAX_CHARS = 1000;
/** Hide-by-pattern (issue #14): LIKE patterns per connection, each a line of text. */
export const HIDDEN_PATTERN_MAX_CHARS = 200;
export const HIDDEN_PATTERNS_MAX = 50;
/** A governance reason is printed in the audit view (the confirm step stops at the same length). */
export const REASON_MAX_CHARS = 500;
export const IDEMPOTENCY_KEY_MAX_CHARS = 200;
/** Query fingerprints are hex digests; names of audit actions are API method names. */
export const FINGERPRINT_MAX_CHARS = 128;
export const ACTION_NAME_MAX_CHARS = 100;
/** WLM version tags (sha256 hex and the like). */
export const VERSION_MAX_CHARS = 128;

/**
 * wlm_json_configuration: REFERENCE 3.3 says a parameter value is at most 8,000 characters. Arguments
 * may be up to twice that so the WLM validation can say by how much a draft is over, in its own words.
 */
export const WLM_PARAMETER_MAX_CHARS = 8000;
export const WLM_JSON_ARG_MAX_CHARS = 2 * WLM_PARAMETER_MAX_CHARS;

/** CloudWatch: metric names 1-255, at most 30 dimensions, dimension names 1-255 and values 1-1024. */
export const METRIC_NAME_MAX_CHARS = 255;
export const DIMENSIONS_MAX = 30;
export const DIMENSION_NAME_MAX_CHARS = 255;
export const DIMENSION_VALUE_MAX_CHARS = 1024;

/** Rows in one page of any list (the virtualised views fetch pages of 500). */
export const PAGE_LIMIT_MAX = 1000;
/** How far a page may start: more rows than 400 days of history on a busy cluster hold. */
export const PAGE_OFFSET_MAX = 100_000_000;
/** Points in one chart series (a chart is at most a few thousand pixels wide). */
export const CHART_POINTS_MAX = 10_000;
/** History is kept for 400 days; durations and ranges beyond that mean nothing here. */
export const HISTORY_DAYS_MAX = 400;
export const DURATION_MS_MAX = HISTORY_DAYS_MAX * 24 * 60 * 60 * 1000;
/** Redshift query ids, xids and service classes are integers that fit a bigint; PIDs are int4. */
export const PID_MAX = 2_147_483_647;
export const SERVICE_CLASS_MAX = 1000;

/**
 * Door 2's request body. The largest valid call (wlm.apply with a WLM JSON of WLM_JSON_ARG_MAX_CHARS
 * characters, each escaped as \uXXXX, plus a reason) is under 100 KiB; anything much bigger is not a
 * call this API can accept, so it is refused before it is parsed or kept in memory.
 */
export const REQUEST_BODY_MAX_BYTES = 256 * 1024;

/** Nights one delivery ledger may span (loads.ledger): the loads retention's default horizon. */
export const LEDGER_NIGHTS_MAX = 400;
/** A feed's name as the user sets it (loads.setFeed). */
export const FEED_NAME_MAX_CHARS = 120;
/** Bounds of a feed's oversized (x its median rows) and undersized (share of it) thresholds. */
export const FEED_OVERSIZED_RANGE = [1.1, 1000] as const;
export const FEED_UNDERSIZED_RANGE = [0.001, 0.9] as const;
/** An IANA time zone name (the longest are about 30 characters). */
export const TIME_ZONE_MAX_CHARS = 64;
/** Job rules per connection (batches.setJobRules): a few dozen is already a lot to read. */
export const JOB_RULES_MAX = 100;
/** A batch job's name (a label or what the user calls it). */
export const JOB_NAME_MAX_CHARS = 120;
/** An e-mail address is at most 254 characters (RFC 5321 path limit); a digest goes to a team, not a list. */
export const EMAIL_ADDRESS_MAX_CHARS = 254;
export const EMAIL_RECIPIENTS_MAX = 20;

/** Alert rules (issue #12): how far back the replay runs, and how many rules an edited set names. */
export const ALERT_REPLAY_NIGHTS_MAX = 90;
export const ALERT_RULES_MAX = 50;
