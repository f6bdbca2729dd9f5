-- E-mail for alerts (issue #12): one SMTP connection per Nightshift connection. The password is sealed
-- like a connection password (password_sealed) or kept for this run only (password_source 'session',
-- nothing on disk); 'none' means the server takes mail without login.
CREATE TABLE alert_email (
  connection_id   TEXT PRIMARY KEY,
  host            TEXT NOT NULL,
  port            INTEGER NOT NULL,
  -- starttls: refuse to send unless the server upgrades to TLS; starttls-optional: upgrade when offered;
  -- tls: TLS from the first byte (port 465).
  security        TEXT NOT NULL CHECK (security IN ('starttls', 'starttls-optional', 'tls')),
  from_address    TEXT NOT NULL,
  to_json         TEXT NOT NULL,
  username        TEXT,
  password_source TEXT NOT NULL CHECK (password_source IN ('keychain', 'session', 'none')),
  password_sealed BLOB,
  updated_at      TEXT NOT NULL
) STRICT;
