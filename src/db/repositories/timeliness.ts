// All SQL of the timeliness check (及时性): decided matters still waiting for implementation,
// and implemented matters with the moment their implementation was recorded.
import type { Executor } from './executor.ts';

export interface TimelinessMatterRow {
  id: number;
  title: string;
  state: string;
  docNo: string | null;
  decidedOn: string;
  effectiveOn: string | null;
  /** When the 组织实施 step was recorded (ISO instant); null while not implemented. */
  implementedAt: string | null;
}

export async function decidedMattersOf(db: Executor, regionCode: string): Promise<TimelinessMatterRow[]> {
  const rows = await db
    .selectFrom('matters')
    .select(['id', 'title', 'state', 'doc_no', 'decided_on', 'effective_on'])
    .where('region_code', '=', regionCode)
    .where('state', '=', 'decided')
    .where('decided_on', 'is not', null)
    .orderBy('decided_on')
    .orderBy('id')
    .execute();
  return rows.flatMap((r) =>
    r.decided_on === null
      ? []
      : [
          {
            id: r.id,
            title: r.title,
            state: r.state,
            docNo: r.doc_no,
            decidedOn: r.decided_on,
            effectiveOn: r.effective_on,
            implementedAt: null,
          },
        ],
  );
}

export async function implementedMattersOf(db: Executor, regionCode: string): Promise<TimelinessMatterRow[]> {
  const rows = await db
    .selectFrom('matters as m')
    .innerJoin('matter_steps as s', 's.matter_id', 'm.id')
    .select(['m.id', 'm.title', 'm.state', 'm.doc_no', 'm.decided_on', 'm.effective_on', 's.at'])
    .where('m.region_code', '=', regionCode)
    .where('m.state', '=', 'implemented')
    .where('m.decided_on', 'is not', null)
    .where('s.action', '=', 'implement')
    .orderBy('m.decided_on')
    .orderBy('m.id')
    .execute();
  return rows.flatMap((r) =>
    r.decided_on === null
      ? []
      : [
          {
            id: r.id,
            title: r.title,
            state: r.state,
            docNo: r.doc_no,
            decidedOn: r.decided_on,
            effectiveOn: r.effective_on,
            implementedAt: r.at,
          },
        ],
  );
}
