-- Schemas, search path and id sequences (double-contract).
--
-- rs_internal: hidden base tables and helper functions. Non-superusers get no privilege on the schema,
--   so they cannot name anything in it; views and functions still use its objects because PostgreSQL
--   resolves those references when the view/function is created (see 05_visibility.sql for the rule
--   that follows: user-callable functions reference rs_internal only from BEGIN ATOMIC bodies).
-- rs_system: the Redshift-named relations as views plus the Redshift compatibility functions.
CREATE SCHEMA rs_internal;
CREATE SCHEMA rs_system;

REVOKE ALL ON SCHEMA rs_internal FROM PUBLIC;
GRANT USAGE ON SCHEMA rs_system TO PUBLIC;

-- Views created later in rs_system by the installing superuser (e.g. the live STV_* relations owned by
-- another part of the double) become readable by everyone without a separate GRANT.
ALTER DEFAULT PRIVILEGES IN SCHEMA rs_system GRANT SELECT ON TABLES TO PUBLIC;

-- Unqualified Redshift names (stl_query, getdate(), ...) resolve for every user, and sessions run in UTC
-- (REFERENCE 1.1 "Time zone", 6.3). Database-level settings apply to connections opened afterwards.
-- current_database() rather than a fixed 'dev' so tests can install into databases of their own.
DO $db$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO "$user", public, rs_system', current_database());
  EXECUTE format('ALTER DATABASE %I SET timezone TO %L', current_database(), 'UTC');
END
$db$;

-- STL/SVL/STV `query` is an integer (REFERENCE 6.1). Live statements and generated history both draw
-- from these sequences so their ids never collide. SYS views' query_id is bigint but is drawn from the
-- same sequence (see record_query in 30_record_query.sql).
CREATE SEQUENCE rs_internal.query_id_seq AS integer START WITH 100000;
CREATE SEQUENCE rs_internal.xid_seq AS bigint START WITH 1000000;
