// The tests use the same real-PostgreSQL launcher as `npm run double --engine postgres`.
export {
  PG_BIN,
  startPostgresServer,
  type PostgresServer,
} from '../../electron/demo/engine/postgresServer.ts';
