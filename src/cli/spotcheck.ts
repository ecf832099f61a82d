// `bianzhi spotcheck draw`: prints the draw of a spot check over the county's 名录库 as it
// stands, with the seed and algorithm (docs/registration.md), writing nothing — so anyone can
// check that a recorded draw was not chosen by hand.
import type { Booted } from '../bootstrap.ts';
import { previewDraw } from '../domain/registration/draw-spot-check.ts';
import type { DrawSize } from '../domain/registration/draw.ts';
import type { Out } from './commands.ts';

export const SPOTCHECK_HELP = `  spotcheck draw --region 代码 --year YYYY (--ratio 比例 | --count 家数) --seed 种子
                                  按记录的种子重现“双随机”抽查名单（SHA-256 计数器 + Fisher–Yates，
                                  见 docs/registration.md；排除当年已抽查单位；只打印，不写入）`;

export async function spotcheckDrawCommand(
  b: Booted,
  opts: { region: string; year: string; ratio?: string; count?: string; seed: string },
  out: Out,
): Promise<number> {
  const year = Number(opts.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) {
    out('--year 应为四位年份');
    return 2;
  }
  if ((opts.ratio === undefined) === (opts.count === undefined)) {
    out('请给出 --ratio 或 --count 之一');
    return 2;
  }
  const size: DrawSize =
    opts.ratio !== undefined ? { ratio: Number(opts.ratio) } : { count: Number(opts.count) };
  const p = await previewDraw(b.ctx.db.kysely, { regionCode: opts.region, year, size, seed: opts.seed });
  out(`行政区划 ${p.regionCode} · ${p.year} 年 · 种子 ${p.seed} · 算法 ${p.algorithm}`);
  out(
    `名录库 ${p.eligible.length} 家（已排除当年已抽查 ${p.excluded.length} 家），抽取 ${p.drawn.length} 家：`,
  );
  for (const d of p.drawn) out(`${String(d.position).padStart(3, ' ')}  ${d.uscc}  ${d.name}`);
  return 0;
}
