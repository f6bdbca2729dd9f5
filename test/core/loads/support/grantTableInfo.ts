// Opens SVV_TABLE_INFO (superuser-only, REFERENCE 1.23) to the bed's monitoring login, as an admin
// would with `GRANT SELECT ON svv_table_info TO <login>`: table names then come schema-qualified.
import pg from 'pg';
import type { ViewsBed } from '../../views/support/viewsBed.ts';

export async function grantTableInfo(bed: ViewsBed): Promise<void> {
  const su = new pg.Client({ ...bed.double.pg, ...bed.double.superuser });
  await su.connect();
  try {
    await su.query(`GRANT SELECT ON rs_system.svv_table_info TO ${bed.double.pg.user}`);
  } finally {
    await su.end();
  }
}
