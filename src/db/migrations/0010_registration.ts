// Frozen: 事业单位登记管理 and 中文域名 (issue 11). Registration records linked to the ledger's
// units, their certificates, the applications (设立/变更/注销/证书补领) with their steps, every
// issued 统一社会信用代码 (unique across the database), annual reports, spot checks and the
// domain-name register with its change list. Dates are 'YYYY-MM-DD' text, instants ISO text,
// JSON as text, booleans 0/1, as in the other tables.
import type { ColumnDefinitionBuilder, CreateTableBuilder, Kysely } from 'kysely';

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function table(db: Kysely<any>, name: string): CreateTableBuilder<string, 'id'> {
  const t = db.schema.createTable(name);
  if (isPostgres(db)) return t.addColumn('id', 'serial', (c) => c.primaryKey());
  return t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement());
}

export async function up(db: Kysely<any>): Promise<void> {
  await table(db, 'registrations')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('other_names', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('legal_rep', 'text', (c) => c.notNull())
    .addColumn('capital', 'text', (c) => c.notNull())
    .addColumn('funding_source', 'text', (c) => c.notNull())
    .addColumn('sponsor', 'text', (c) => c.notNull())
    .addColumn('sponsor_unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('uscc', 'text')
    .addColumn('certificate_no', 'text')
    .addColumn('issued_on', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('cancelled_on', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('registrations_unit').unique().on('registrations').column('unit_id').execute();
  await db.schema.createIndex('registrations_uscc').unique().on('registrations').column('uscc').execute();
  await db.schema.createIndex('registrations_region').on('registrations').column('region_code').execute();

  // Every state a record had: the row before each change (登记事项沿革).
  await table(db, 'registration_history')
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id'))
    .addColumn('application_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await table(db, 'registration_certificates')
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id'))
    .addColumn('certificate_no', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('valid_until', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('revoked_on', 'text')
    .addColumn('revoked_reason', 'text')
    .addColumn('application_id', 'integer')
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('registration_certificates_no')
    .unique()
    .on('registration_certificates')
    .column('certificate_no')
    .execute();

  await table(db, 'registration_applications')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('registration_id', 'integer', (c) => c.references('registrations.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('materials', 'text', (c) => c.notNull())
    .addColumn('missing_materials', 'text', (c) => c.notNull())
    .addColumn('matter_id', 'integer', (c) => c.references('matters.id'))
    .addColumn('statutory_due', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('accept_due', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('decide_due', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registration_applications_region')
    .on('registration_applications')
    .columns(['region_code', 'state'])
    .execute();
  await db.schema
    .createIndex('registration_applications_matter')
    .on('registration_applications')
    .column('matter_id')
    .execute();

  await table(db, 'registration_steps')
    .addColumn('application_id', 'integer', (c) => c.notNull().references('registration_applications.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .execute();

  // Every code ever issued: never reused. (region, serial) and the code itself are unique, so
  // two transactions racing for the next serial cannot both commit it.
  await db.schema
    .createTable('issued_usccs')
    .addColumn('uscc', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('organization_code', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('issued_usccs_serial')
    .unique()
    .on('issued_usccs')
    .columns(['region_code', 'serial'])
    .execute();
  await db.schema
    .createIndex('issued_usccs_org')
    .unique()
    .on('issued_usccs')
    .column('organization_code')
    .execute();

  await table(db, 'annual_reports')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('items', 'text', (c) => c.notNull())
    .addColumn('attachments', 'text', (c) => c.notNull())
    .addColumn('staff_count', 'integer', (c) => c.notNull())
    .addColumn('online_names', 'text', (c) => c.notNull())
    .addColumn('submitted_on', 'text')
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('secrecy_signed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('secrecy_signed_at', 'text')
    .addColumn('review_comment', 'text')
    .addColumn('reviewed_by', 'integer', (c) => c.references('users.id'))
    .addColumn('reviewed_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('annual_reports_year')
    .unique()
    .on('annual_reports')
    .columns(['registration_id', 'year'])
    .execute();

  await table(db, 'spot_checks')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('ratio', 'text')
    .addColumn('count', 'integer')
    .addColumn('population', 'text', (c) => c.notNull())
    .addColumn('excluded', 'text', (c) => c.notNull())
    .addColumn('inspector_pool', 'text', (c) => c.notNull())
    .addColumn('inspectors', 'text', (c) => c.notNull())
    .addColumn('checklist', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('published_at', 'text')
    .execute();

  await table(db, 'spot_check_units')
    .addColumn('spot_check_id', 'integer', (c) => c.notNull().references('spot_checks.id'))
    .addColumn('registration_id', 'integer', (c) => c.notNull().references('registrations.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('rectify_due', 'text')
    .addColumn('result', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  // A unit is checked at most once a year: the draw leaves it out, the index makes sure.
  await db.schema
    .createIndex('spot_check_units_year')
    .unique()
    .on('spot_check_units')
    .columns(['registration_id', 'year'])
    .execute();

  await table(db, 'domain_names')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('suffix', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('annual_fee', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('domain_names_name').unique().on('domain_names').column('name').execute();
  await db.schema.createIndex('domain_names_unit').on('domain_names').column('unit_id').execute();

  await table(db, 'domain_operations')
    .addColumn('domain_id', 'integer', (c) => c.notNull().references('domain_names.id'))
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer', (c) => c.references('users.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  // Units whose implemented 更名/合并/撤销 requires a domain change or cancellation, until recorded.
  await table(db, 'domain_change_items')
    .addColumn('region_code', 'text', (c) => c.notNull().references('regions.code'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('domain_id', 'integer', (c) => c.notNull().references('domain_names.id'))
    .addColumn('matter_id', 'integer', (c) => c.notNull().references('matters.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('required', 'text', (c) => c.notNull())
    .addColumn('opened_on', 'text', (c) => c.notNull())
    .addColumn('resolved_on', 'text')
    .addColumn('resolution', 'text')
    .execute();
  await db.schema
    .createIndex('domain_change_items_open')
    .on('domain_change_items')
    .columns(['region_code', 'resolved_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'domain_change_items',
    'domain_operations',
    'domain_names',
    'spot_check_units',
    'spot_checks',
    'annual_reports',
    'issued_usccs',
    'registration_steps',
    'registration_applications',
    'registration_certificates',
    'registration_history',
    'registrations',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
