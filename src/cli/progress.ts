// A progress bar on a terminal, or a line every few seconds when the output is a log.
import type { Progress } from '../domain/exchange/import-state.ts';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: Progress) => void {
  let lastLine = 0;
  return (p) => {
    const pct = p.total > 0 ? Math.min(100, Math.floor((p.done / p.total) * 100)) : 0;
    const label = `${p.phase}${p.table ? ` ${p.table}` : ''} ${p.done}/${p.total} 行`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${pct}% ${label}\x1b[K`);
      if (p.phase === '完成' || p.phase === '已拒绝') stream.write('\n');
      return;
    }
    const now = Date.now();
    if (now - lastLine > 2000 || p.phase === '完成' || p.phase === '已拒绝') {
      lastLine = now;
      stream.write(`${pct}% ${label}\n`);
    }
  };
}
