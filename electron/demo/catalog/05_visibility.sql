-- Visibility helpers (double-contract "Visibility helpers"; REFERENCE 1.1, 6.4). Every rs_system view
-- filters with these, and they are also available to the other parts of the double.
--
-- They run as the querying user: current_user inside a view is the user selecting from it, not the
-- view owner. The base tables are read with the view owner's (superuser's) rights, which is why the
-- rows need this filter at all.
--
-- Bodies are SQL-standard (BEGIN ATOMIC) so that calling rs_internal functions from them needs no USAGE
-- on rs_internal (the references are bound at creation). EXECUTE stays granted to PUBLIC (PostgreSQL's
-- default for functions): a view's function calls are checked against the querying user.
--
-- Views call them as uncorrelated scalar subqueries, `(SELECT rs_internal.sees_all_rows())`, so they
-- are evaluated once per query rather than once per row.

-- Is the current user a PostgreSQL superuser (= a Redshift superuser)?
CREATE FUNCTION rs_internal.is_superuser() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT coalesce((SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user), false);
END;

-- May the current user see every user's rows of user-visible relations? Superusers, holders of the
-- system roles sys:monitor / sys:operator, and users with SYSLOG ACCESS UNRESTRICTED (emulated by
-- membership in syslog_access_unrestricted).
--
-- REFERENCE 1.1 also reports that SYSLOG ACCESS users may not see rows produced by superusers; the
-- double-contract settles on "all rows", so that is what this grants.
CREATE FUNCTION rs_internal.sees_all_rows() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT rs_internal.is_superuser()
      OR pg_catalog.pg_has_role(current_user, 'sys:monitor', 'MEMBER')
      OR pg_catalog.pg_has_role(current_user, 'sys:operator', 'MEMBER')
      OR pg_catalog.pg_has_role(current_user, 'syslog_access_unrestricted', 'MEMBER');
END;

-- The current user's id as stored in `userid` / `user_id` columns: pg_user.usesysid. NULL for a role
-- without LOGIN (none of those select from the catalog).
CREATE FUNCTION rs_internal.current_userid() RETURNS integer
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT usesysid::integer FROM pg_catalog.pg_user WHERE usename = current_user;
END;

-- May the current user see the rows of a superuser-only relation (REFERENCE 6.4)? Superusers may; a
-- regular user may only after an explicit `GRANT SELECT ON <relation> TO <user or one of its groups>`,
-- which is how Redshift opens these views (REFERENCE 1.1, 1.23). The grant to PUBLIC that makes the
-- view selectable at all does not count.
--
-- sys:monitor / sys:operator / SYSLOG ACCESS UNRESTRICTED do NOT open superuser-only relations: REFERENCE
-- 1.1 says so for SYSLOG ACCESS, and 7.10 leaves sys:monitor open; we choose the stricter reading so the
-- app never relies on data a monitoring login may not get on a real cluster.
CREATE FUNCTION rs_internal.sees_superuser_relation(p_relation text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
  SELECT rs_internal.is_superuser()
      OR EXISTS (
        SELECT 1
        FROM pg_catalog.pg_class c
        CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) AS acl
        WHERE c.oid = pg_catalog.to_regclass(p_relation)
          AND acl.privilege_type = 'SELECT'
          AND acl.grantee <> 0 -- PUBLIC
          AND acl.grantee <> c.relowner
          AND pg_catalog.pg_has_role(current_user, acl.grantee, 'MEMBER')
      );
END;
