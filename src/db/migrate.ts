// Runs the frozen migrations in order. Called at every start: a no-op when up to date.
import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './connect.ts';
import * as m0001 from './migrations/0001_ledger.ts';
import * as m0002 from './migrations/0002_matters.ts';
import * as m0003 from './migrations/0003_standards.ts';
import * as m0004 from './migrations/0004_reconciliation.ts';
import * as m0005 from './migrations/0005_settings.ts';
import * as m0007 from './migrations/0007_audit_no_truncate.ts';
import * as m0008 from './migrations/0008_account_security.ts';
import * as m0010 from './migrations/0010_registration.ts';
import * as m0012 from './migrations/0012_report_aggregates.ts';
import * as m0014 from './migrations/0014_import_mappings.ts';
import * as m0016 from './migrations/0016_reform.ts';
import * as m0017 from './migrations/0017_yearend_history.ts';
import * as m0018 from './migrations/0018_library.ts';
import * as m0019 from './migrations/0019_evaluation.ts';
import * as m0021 from './migrations/0021_evaluation_findings.ts';
import * as m0025 from './migrations/0025_library_attachments.ts';
import * as m0026 from './migrations/0026_import_slices.ts';
import * as m0027 from './migrations/0027_cross_grant_expiry.ts';
import * as m0028 from './migrations/0028_report_unit_cells.ts';
import * as m0031 from './migrations/0031_import_placements_unlogged.ts';
import * as m0032 from './migrations/0032_people_slim_index.ts';
import * as m0033 from './migrations/0033_report_cells_external.ts';
import * as m0034 from './migrations/0034_report_window_deltas.ts';
import * as m0035 from './migrations/0035_people_import_unchecked.ts';
import * as m0022 from './migrations/0022_report_documents.ts';
import * as m0020 from './migrations/0020_evaluation_cross.ts';

const MIGRATIONS: Record<string, Migration> = {
  '0001_ledger': m0001,
  '0002_matters': m0002,
  '0003_standards': m0003,
  '0004_reconciliation': m0004,
  '0005_settings': m0005,
  '0007_audit_no_truncate': m0007,
  '0008_account_security': m0008,
  '0010_registration': m0010,
  '0012_report_aggregates': m0012,
  '0014_import_mappings': m0014,
  '0016_reform': m0016,
  '0017_yearend_history': m0017,
  '0018_library': m0018,
  '0019_evaluation': m0019,
  '0021_evaluation_findings': m0021,
  '0025_library_attachments': m0025,
  '0026_import_slices': m0026,
  '0027_cross_grant_expiry': m0027,
  '0028_report_unit_cells': m0028,
  '0031_import_placements_unlogged': m0031,
  '0032_people_slim_index': m0032,
  '0033_report_cells_external': m0033,
  '0034_report_window_deltas': m0034,
  '0035_people_import_unchecked': m0035,
  '0022_report_documents': m0022,
  '0020_evaluation_cross': m0020,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  }
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  return migrateWith(db, (m) => m.migrateToLatest());
}

/** Migrates up to and including `name` (tests of a migration's data: the rows it finds). */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  if (!(name in MIGRATIONS)) throw new Error(`没有名为 ${name} 的迁移`);
  return migrateWith(db, (m) => m.migrateTo(name));
}

async function migrateWith(db: Db, run: (m: Migrator) => Promise<MigrationResultSet>): Promise<string[]> {
  const migrator = new Migrator({
    db: db.kysely,
    provider: new StaticProvider(),
    ...(db.schema ? { migrationTableSchema: db.schema } : {}),
  });
  const { error, results } = await run(migrator);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`数据库迁移失败${failed ? `（${failed.migrationName}）` : ''}：${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
