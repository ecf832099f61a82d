// The .xlsx reader alone (BENCH_PARTS=xlsx-reader): the rows of the 人员 sheet of a workbook of
// BENCH_THROUGHPUT_PEOPLE people (default 1,000,000), read by the fast reader, by exceljs's
// streaming reader (what sources.ts used before), and the raw reference: only inflating the
// sheet's XML with node:zlib. Each runs in its own process, so that each peak RSS is its own.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCounty } from '../src/demo/write-county.ts';
import {
  excelCells,
  openWorkbook,
  repairWorksheet,
  sheetName,
  skipSheet,
} from '../src/domain/exchange/sources.ts';
import { openXlsx } from '../src/domain/exchange/xlsx/reader.ts';
import { entryStream, readZipEntries } from '../src/domain/exchange/xlsx/zip.ts';
import type { Figure } from './table.ts';
import { peakRssBytes } from './support.ts';

const PEOPLE = Number(process.env.BENCH_THROUGHPUT_PEOPLE ?? 1_000_000);
const SHEET = '人员';
type Mode = 'inflate' | 'fast' | 'exceljs';

interface Measured {
  rows: number;
  cells: number;
  ms: number;
  /** CPU time of the process (user + system): less inflated by other load than wall time. */
  cpuMs: number;
  rssMb: number;
}

async function measure(mode: Mode, file: string): Promise<Measured> {
  const t = performance.now();
  let rows = 0;
  let cells = 0;
  if (mode === 'exceljs') {
    const workbook = openWorkbook(file);
    try {
      for await (const ws of workbook.reader) {
        if (sheetName(ws) !== SHEET) {
          await skipSheet(ws);
          continue;
        }
        repairWorksheet(ws);
        for await (const row of ws) {
          rows += 1;
          cells += excelCells(row).length;
        }
      }
    } finally {
      workbook.close();
    }
  } else {
    const book = await openXlsx(file);
    const sheet = book.sheets.find((s) => s.name === SHEET);
    if (sheet === undefined) throw new Error(`no sheet ${SHEET}`);
    if (mode === 'fast') {
      for await (const batch of book.rows(sheet)) {
        for (const row of batch) {
          rows += 1;
          cells += row.cells.length;
        }
      }
    } else {
      const entry = (await readZipEntries(file)).find((e) => e.name === sheet.path);
      if (entry === undefined) throw new Error(`no entry ${sheet.path}`);
      for await (const chunk of await entryStream(file, entry, Number.MAX_SAFE_INTEGER))
        cells += chunk.length;
    }
  }
  const rssMb = Math.round(peakRssBytes() / 2 ** 20);
  const cpu = process.cpuUsage();
  return { rows, cells, ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, rssMb };
}

function runChild(mode: Mode, file: string): Measured {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), mode, file],
    {
      encoding: 'utf8',
      maxBuffer: 1024 * 1024,
    },
  );
  const last = out.trim().split('\n').pop() ?? '';
  const parsed: unknown = JSON.parse(last);
  return parsed as Measured;
}

export async function benchXlsxReader(dir: string): Promise<Figure[]> {
  const file = path.join(dir, `province-${PEOPLE}.xlsx`);
  if (!fs.existsSync(file)) {
    await writeCounty(file, { regionCode: '640121', scale: PEOPLE / 6000, seed: 11, asOf: '2026-06-30' });
  }
  const raw = runChild('inflate', file);
  const fast = runChild('fast', file);
  const exceljs = runChild('exceljs', file);
  if (fast.rows !== exceljs.rows || fast.cells !== exceljs.cells)
    throw new Error(
      `readers disagree: fast ${fast.rows}/${fast.cells}, exceljs ${exceljs.rows}/${exceljs.cells}`,
    );
  const rawRef = {
    label: `只解压工作表 XML（CPU ${(raw.cpuMs / 1000).toFixed(1)} s）`,
    value: raw.ms / 1000,
  };
  return [
    {
      what: `快速读取器读出 ${fast.rows} 行（${SHEET}；CPU ${(fast.cpuMs / 1000).toFixed(1)} s）`,
      value: fast.ms / 1000,
      unit: 's',
      reference: rawRef,
      maxRatio: null,
    },
    {
      what: `exceljs 流式读取同一工作表（CPU ${(exceljs.cpuMs / 1000).toFixed(1)} s）`,
      value: exceljs.ms / 1000,
      unit: 's',
      reference: rawRef,
      maxRatio: null,
    },
    {
      what: 'exceljs 与快速读取器之比',
      value: exceljs.ms / 1000,
      unit: 's',
      reference: { label: '快速读取器', value: fast.ms / 1000 },
      maxRatio: null,
    },
    {
      what: '快速读取器峰值内存',
      value: fast.rssMb,
      unit: 'MB',
      reference: { label: '预算', value: 1000 },
      maxRatio: 1,
    },
    {
      what: 'exceljs 峰值内存',
      value: exceljs.rssMb,
      unit: 'MB',
      reference: { label: '预算', value: 1000 },
      maxRatio: null,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [mode, file] = process.argv.slice(2);
  if ((mode === 'inflate' || mode === 'fast' || mode === 'exceljs') && file !== undefined) {
    console.log(JSON.stringify(await measure(mode, file)));
  }
}
