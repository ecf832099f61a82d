// `bianzhi reconcile FILE --source 组织|人社|财政 [--region CODE] [--out FILE.xlsx]`: compares a
// list from 组织部, 人社 or 财政 with the establishment, prints the counts and the first
// differences, and optionally writes every difference to a workbook (a sheet per kind).
import fs from 'node:fs';
import type { Actor } from '../audit/events.ts';
import type { Booted } from '../bootstrap.ts';
import { listRegions } from '../db/repositories/regions.ts';
import {
  DIFFERENCE_KINDS,
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
  type ReconciliationSource,
} from '../domain/reconciliation/compare.ts';
import {
  allReconciliationItems,
  listReconciliationItems,
  type DifferenceView,
  type ReconciliationSummary,
} from '../domain/reconciliation/list-reconciliations.ts';
import { ListRejected, reconcileList } from '../domain/reconciliation/reconcile-list.ts';
import { writeDifferences } from '../report/reconciliation-xlsx.ts';
import type { Out } from './commands.ts';

const CLI_ACTOR: Actor = { id: null, name: '命令行' };
/** Differences printed on screen; the workbook (--out) has them all. */
const SHOWN = 20;

/** What a user may type for --source: the short names, or the department's full name. */
const SOURCE_ALIASES: Record<string, ReconciliationSource> = {
  组织: '组织',
  组织部: '组织',
  人社: '人社',
  人社局: '人社',
  财政: '财政',
  财政局: '财政',
};

export async function reconcileCommand(
  b: Booted,
  opts: { file: string; source: string; region: string | undefined; out: string | undefined },
  out: Out,
): Promise<number> {
  const source = SOURCE_ALIASES[opts.source.trim()];
  if (source === undefined) {
    out(`--source 应为 ${RECONCILIATION_SOURCES.join('、')} 之一`);
    return 2;
  }
  if (!fs.existsSync(opts.file)) {
    out(`文件不存在：${opts.file}`);
    return 2;
  }
  if (opts.out !== undefined && !opts.out.toLowerCase().endsWith('.xlsx')) {
    out('--out 应为 .xlsx 文件');
    return 2;
  }
  const region = opts.region ?? (await onlyCounty(b));
  if (region === null) {
    out('数据库中有多个县（或没有县），请用 --region 指定行政区划代码');
    return 2;
  }
  let summary: ReconciliationSummary;
  try {
    summary = await reconcileList(b.ctx, {
      principal: null,
      actor: CLI_ACTOR,
      regionCode: region,
      source,
      file: opts.file,
    });
  } catch (e) {
    if (!(e instanceof ListRejected)) throw e;
    out(e.message);
    return 1;
  }
  printSummary(summary, out);
  const first = await listReconciliationItems(b.ctx, { principal: null, id: summary.id, pageSize: SHOWN });
  if (first.total > 0) {
    out('');
    out(first.total > SHOWN ? `前 ${SHOWN} 条差异：` : '差异：');
    for (const d of first.items) out(`  ${describe(d)}`);
    if (first.total > SHOWN)
      out(`  ……共 ${first.total} 条${opts.out ? '' : '，用 --out 文件.xlsx 导出全部'}`);
  }
  if (opts.out !== undefined) {
    const all = await allReconciliationItems(b.ctx, { principal: null, id: summary.id });
    await writeDifferences(summary, all, opts.out);
    out(`已导出全部差异到 ${opts.out}`);
  }
  return 0;
}

async function onlyCounty(b: Booted): Promise<string | null> {
  const counties = (await listRegions(b.ctx.db.kysely)).filter((r) => r.level === 'county');
  return counties.length === 1 && counties[0] ? counties[0].code : null;
}

function printSummary(s: ReconciliationSummary, out: Out): void {
  const c = s.counts;
  out(`数据比对完成（编号 ${s.id}）：${SOURCE_LABELS[s.source]} ${s.fileName}，比对日期 ${s.comparedOn}`);
  out(`  名单 ${c.listRows} 行，编制内实有 ${c.ledgerPeople} 人，一致 ${c.matched} 人`);
  for (const kind of DIFFERENCE_KINDS) out(`  ${DIFFERENCE_LABELS[kind]}：${c[kind]}`);
}

function describe(d: DifferenceView): string {
  const row = d.rowNumber === null ? '名单无' : `第${d.rowNumber}行`;
  const who = [d.name, d.idMasked].filter((v) => v !== '').join(' ');
  const units = [d.listUnit && `名单：${d.listUnit}`, d.ledgerUnitName && `实名库：${d.ledgerUnitName}`]
    .filter((v) => v)
    .join('，');
  return [`[${d.kindLabel}]`, row, who, units, d.note ?? ''].filter((v) => v !== '').join('  ');
}

// ---- export ----
