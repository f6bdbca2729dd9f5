-- Redshift functions that PostgreSQL lacks (REFERENCE 6.5), in rs_system so that every user resolves
-- them unqualified. The app's queries must run unchanged on Redshift, so these follow Redshift's
-- behaviour, not PostgreSQL's.
--
-- Written as SQL-standard bodies (BEGIN ATOMIC / RETURN) wherever they call rs_internal helpers: such
-- bodies are bound when created, so a regular user needs no USAGE on rs_internal to call them, and the
-- planner still inlines them (constant dateparts fold away).
--
-- Not emulated here (they need a rewriting proxy or belong to the live part of the double):
-- * SYSDATE: a keyword in Redshift (no parentheses); PostgreSQL would read it as a column name. There is
--   no clean way to make a bare identifier a function call, so app queries use GETDATE() instead.
-- * Unquoted dateparts, e.g. DATEDIFF(day, a, b): PostgreSQL reads `day` as a column; the proxy quotes them
--   (proxy/datepartRewrite.ts), and the quoted form DATEDIFF('day', a, b) works on both.
-- * LISTAGG(expr, delim) WITHIN GROUP (ORDER BY ...): PostgreSQL only allows WITHIN GROUP on
--   ordered-set aggregates whose parenthesised arguments are constant per group.
-- * pg_last_query_id(), pg_last_copy_id(), CHANGE_QUERY_PRIORITY, CANCEL: the live part of the double.

-- Datepart names and abbreviations Redshift accepts (DG "Date parts for date or timestamp functions"),
-- case-insensitive, mapped to one canonical name. NULL when unknown.
CREATE FUNCTION rs_internal.canonical_datepart(p_datepart text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE
    WHEN d IN ('millennium', 'millennia', 'mil', 'mils') THEN 'millennium'
    WHEN d IN ('century', 'centuries', 'c', 'cent', 'cents') THEN 'century'
    WHEN d IN ('decade', 'decades', 'dec', 'decs') THEN 'decade'
    WHEN d IN ('year', 'years', 'y', 'yr', 'yrs') THEN 'year'
    WHEN d IN ('quarter', 'quarters', 'qtr', 'qtrs') THEN 'quarter'
    WHEN d IN ('month', 'months', 'mon', 'mons') THEN 'month'
    WHEN d IN ('week', 'weeks', 'w') THEN 'week'
    WHEN d IN ('day', 'days', 'd') THEN 'day'
    WHEN d IN ('hour', 'hours', 'h', 'hr', 'hrs') THEN 'hour'
    WHEN d IN ('minute', 'minutes', 'm', 'min', 'mins') THEN 'minute'
    WHEN d IN ('second', 'seconds', 's', 'sec', 'secs') THEN 'second'
    WHEN d IN ('millisecond', 'milliseconds', 'ms', 'msec', 'msecs', 'msecond', 'mseconds', 'millisec',
               'millisecs', 'millisecon') THEN 'millisecond'
    WHEN d IN ('microsecond', 'microseconds', 'microsec', 'microsecs', 'usecond', 'useconds', 'us', 'usec',
               'usecs') THEN 'microsecond'
  END
  FROM (SELECT lower(btrim(p_datepart)) AS d) AS normalized;
END;

-- Raises the error for a datepart a function does not support; typed by its third argument so it can
-- stand in any CASE branch.
CREATE FUNCTION rs_internal.reject_datepart(p_function text, p_datepart text, p_result_type anyelement)
RETURNS anyelement
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
AS $$
BEGIN
  RAISE EXCEPTION '%(): datepart "%" is not supported', p_function, p_datepart
    USING ERRCODE = 'invalid_parameter_value';
END
$$;

-- GETDATE(): start of the current statement (even inside a transaction block), whole seconds, in the
-- session time zone, which the database sets to UTC (DG GETDATE; 01_schemas.sql).
CREATE FUNCTION rs_system.getdate() RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE
RETURN date_trunc('second', statement_timestamp()::timestamp);

-- DATEADD(datepart, n, ts). Month arithmetic clamps to the end of the shorter month (2008-01-31 + 1
-- month = 2008-02-29) like Redshift's DATEADD, which PostgreSQL interval arithmetic already does.
-- A date argument is promoted to timestamp, as Redshift returns a timestamp for dates too.
CREATE FUNCTION rs_system.dateadd(datepart text, n integer, ts timestamp) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE rs_internal.canonical_datepart(datepart)
    WHEN 'millennium' THEN ts + make_interval(years => 1000 * n)
    WHEN 'century' THEN ts + make_interval(years => 100 * n)
    WHEN 'decade' THEN ts + make_interval(years => 10 * n)
    WHEN 'year' THEN ts + make_interval(years => n)
    WHEN 'quarter' THEN ts + make_interval(months => 3 * n)
    WHEN 'month' THEN ts + make_interval(months => n)
    WHEN 'week' THEN ts + make_interval(weeks => n)
    WHEN 'day' THEN ts + make_interval(days => n)
    WHEN 'hour' THEN ts + make_interval(hours => n)
    WHEN 'minute' THEN ts + make_interval(mins => n)
    WHEN 'second' THEN ts + make_interval(secs => n)
    WHEN 'millisecond' THEN ts + n * interval '1 millisecond'
    WHEN 'microsecond' THEN ts + n * interval '1 microsecond'
    ELSE rs_internal.reject_datepart('dateadd', datepart, NULL::timestamp)
  END;
END;

-- DATEDIFF(datepart, a, b) -> bigint: the number of datepart boundaries crossed going from a to b
-- (DG DATEDIFF: 2008-12-31 -> 2009-01-01 is 1 year; 08:30 -> 10:00 is 2 hours), negative when b < a.
-- Weeks start on Monday, like DATE_TRUNC('week').
CREATE FUNCTION rs_system.datediff(datepart text, start_ts timestamp, end_ts timestamp) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT CASE rs_internal.canonical_datepart(datepart)
    WHEN 'millennium' THEN (extract(millennium FROM end_ts) - extract(millennium FROM start_ts))::bigint
    WHEN 'century' THEN (extract(century FROM end_ts) - extract(century FROM start_ts))::bigint
    WHEN 'decade' THEN (extract(decade FROM end_ts) - extract(decade FROM start_ts))::bigint
    WHEN 'year' THEN (extract(year FROM end_ts) - extract(year FROM start_ts))::bigint
    WHEN 'quarter' THEN
      ((extract(year FROM end_ts) * 4 + extract(quarter FROM end_ts))
       - (extract(year FROM start_ts) * 4 + extract(quarter FROM start_ts)))::bigint
    WHEN 'month' THEN
      ((extract(year FROM end_ts) * 12 + extract(month FROM end_ts))
       - (extract(year FROM start_ts) * 12 + extract(month FROM start_ts)))::bigint
    WHEN 'week' THEN ((date_trunc('week', end_ts)::date - date_trunc('week', start_ts)::date) / 7)::bigint
    WHEN 'day' THEN (end_ts::date - start_ts::date)::bigint
    WHEN 'hour' THEN
      ((extract(epoch FROM date_trunc('hour', end_ts)) - extract(epoch FROM date_trunc('hour', start_ts)))
       / 3600)::bigint
    WHEN 'minute' THEN
      ((extract(epoch FROM date_trunc('minute', end_ts)) - extract(epoch FROM date_trunc('minute', start_ts)))
       / 60)::bigint
    WHEN 'second' THEN
      (extract(epoch FROM date_trunc('second', end_ts))
       - extract(epoch FROM date_trunc('second', start_ts)))::bigint
    WHEN 'millisecond' THEN
      ((extract(epoch FROM date_trunc('milliseconds', end_ts))
        - extract(epoch FROM date_trunc('milliseconds', start_ts))) * 1000)::bigint
    WHEN 'microsecond' THEN (extract(epoch FROM end_ts - start_ts) * 1000000)::bigint
    ELSE rs_internal.reject_datepart('datediff', datepart, NULL::bigint)
  END;
END;

-- LEN(): character count. Trailing blanks of CHAR(n) values do not count, those of VARCHAR/text do
-- (DG LEN). PostgreSQL's length(bpchar) already ignores trailing blanks; the text overload wins for
-- varchar and untyped literals because text is the preferred string type.
CREATE FUNCTION rs_system.len(s text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN length(s);

CREATE FUNCTION rs_system.len(s bpchar) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN length(s);

-- NVL(a, b[, c]) = COALESCE. anycompatible (not anyelement) so that mixed argument types unify as in
-- Redshift: nvl(bigint_col, 0), nvl(numeric_col, 0), nvl(char_col, 'x').
CREATE FUNCTION rs_system.nvl(a anycompatible, b anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(a, b) $$;

CREATE FUNCTION rs_system.nvl(a anycompatible, b anycompatible, c anycompatible) RETURNS anycompatible
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT coalesce(a, b, c) $$;

-- NVL2(expr, if_not_null, if_null).
CREATE FUNCTION rs_system.nvl2(expr anyelement, if_not_null anycompatible, if_null anycompatible)
RETURNS anycompatible
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT CASE WHEN expr IS NOT NULL THEN if_not_null ELSE if_null END $$;

-- CONVERT_TIMEZONE([source,] target, ts): the source defaults to UTC (DG CONVERT_TIMEZONE). Zone
-- names and abbreviations are PostgreSQL's, which come from the same IANA database Redshift uses.
CREATE FUNCTION rs_system.convert_timezone(source_tz text, target_tz text, ts timestamp) RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (ts AT TIME ZONE source_tz) AT TIME ZONE target_tz;

CREATE FUNCTION rs_system.convert_timezone(target_tz text, ts timestamp) RETURNS timestamp
LANGUAGE sql STABLE PARALLEL SAFE
RETURN (ts AT TIME ZONE 'UTC') AT TIME ZONE target_tz;

-- TRUNC(timestamp) -> date, used throughout AWS's sample queries (`trunc(starttime)`). PostgreSQL only
-- has numeric trunc(); this overload does not change how those resolve.
CREATE FUNCTION rs_system.trunc(ts timestamp) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN ts::date;
