/**
 * One side of the report benchmark, run in a fresh process by bench/report.ts:
 *   report-read.ts plain FILE      the baseline: the same CSV read record by record (generator/report/csv.ts), nothing else
 *   report-read.ts aggregate FILE  remgen report's work: device runs read, every summary line parsed, counted per package
 *                                  (FILE may be the export job's .zip: the CSV inside is read as it unzips)
 */
import { createReadStream } from 'node:fs';
import { csvRecords } from '../generator/report/csv.ts';
import { aggregate, readDeviceRuns } from '../generator/report/fleet.ts';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'plain' && mode !== 'aggregate')) throw new Error('usage: report-read.ts plain|aggregate FILE');
if (mode === 'plain') {
  let records = 0;
  for await (const _ of csvRecords(createReadStream(file))) records += 1;
  console.log(JSON.stringify({ records }));
} else {
  const report = await aggregate(readDeviceRuns(file));
  console.log(JSON.stringify({ devices: report.devices, packages: report.packages.length }));
}
