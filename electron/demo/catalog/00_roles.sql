-- Roles of the emulated cluster (double-contract "Roles"; REFERENCE 1.1 for the system roles).
--
-- PostgreSQL roles are cluster-wide while the catalog is installed per database, and the test server
-- hosts several databases that install the catalog, possibly at the same moment. So every role and
-- membership is created only when missing, and a concurrent creator winning the race (duplicate_object /
-- unique_violation on pg_authid or pg_auth_members) is not an error. Existing roles are left as they are.
--
-- No `rdsdb` role: system rows carry userid = 1 exactly as on Redshift, and no PostgreSQL role has OID 1
-- (the bootstrap superuser is 10), so those rows join to no user, like Redshift's internal user.
--
-- Passwords are the user name + '_pw': this is a test bed / local demo, never a real cluster.
DO $roles$
DECLARE
  r record;
BEGIN
  FOR r IN
    SELECT *
    FROM (VALUES
      -- groups (NOLOGIN roles; Redshift user groups drive WLM routing, see defaultWlmConfiguration.ts)
      ('etl_users', false),
      ('analysts', false),
      ('loaders', false),
      -- Redshift system roles (REFERENCE 1.1): both let a member see every user's rows (6.4)
      ('sys:monitor', false),
      ('sys:operator', false),
      -- stands in for `ALTER USER ... SYSLOG ACCESS UNRESTRICTED`, which PostgreSQL has no syntax for
      ('syslog_access_unrestricted', false),
      -- users
      ('etl_user', true),
      ('bi_user', true),
      ('analyst_anna', true),
      ('analyst_ben', true),
      ('loader', true),
      -- the app's own monitoring login: regular user with SYSLOG ACCESS UNRESTRICTED
      ('nightshift_monitor', true)
    ) AS t(name, login)
  LOOP
    CONTINUE WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r.name);
    BEGIN
      IF r.login THEN
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r.name, r.name || '_pw');
      ELSE
        EXECUTE format('CREATE ROLE %I NOLOGIN', r.name);
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database's install created it in the meantime
    END;
  END LOOP;

  FOR r IN
    SELECT *
    FROM (VALUES
      ('etl_users', 'etl_user'),
      ('analysts', 'bi_user'),
      ('analysts', 'analyst_anna'),
      ('analysts', 'analyst_ben'),
      ('loaders', 'loader'),
      ('syslog_access_unrestricted', 'nightshift_monitor')
    ) AS t(grp, member)
  LOOP
    CONTINUE WHEN EXISTS (
      SELECT 1
      FROM pg_catalog.pg_auth_members m
      WHERE m.roleid = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = r.grp)
        AND m.member = (SELECT oid FROM pg_catalog.pg_roles WHERE rolname = r.member)
    );
    BEGIN
      EXECUTE format('GRANT %I TO %I', r.grp, r.member);
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END LOOP;
END
$roles$;
