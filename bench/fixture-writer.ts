/**
 * Child process: writes one seeded fixture CSV. `node --import tsx bench/fixture-writer.ts N SEED OUT`
 * Runs in its own process because 5M generated incidents need ~8 GiB of heap (the generator
 * builds the whole array: it sorts every opened_at before drawing the rest), and because the
 * whole CSV is longer than V8's maximum string: it is written in slices.
 * Writes OUT.partial and renames it, so an interrupted run never leaves a truncated fixture
 * that a later run would reuse.
 */
import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import { generateIncidents, toCsv } from '../fixtures/generate.ts';

const SLICE = 50_000;
const [incidentsArg, seedArg, out] = process.argv.slice(2);
if (!incidentsArg || !seedArg || !out) throw new Error('usage: fixture-writer.ts INCIDENTS SEED OUT');

const incidents = generateIncidents({ incidents: Number(incidentsArg), seed: Number(seedArg) });
const partial = `${out}.partial`;
const fd = openSync(partial, 'w');
let bytes = 0;
for (let start = 0; start < incidents.length || start === 0; start += SLICE) {
  let csv = toCsv(incidents.slice(start, start + SLICE));
  if (start > 0) csv = csv.slice(csv.indexOf('\n') + 1); // each slice repeats the header; keep the first
  bytes += writeSync(fd, csv);
}
closeSync(fd);
renameSync(partial, out);
console.log(JSON.stringify({ file: out, bytes, incidents: incidents.length }));
