/** The floor: read every notebook and JSON.parse it, nothing else. */
import * as fs from 'node:fs';
import { perfFiles } from './corpus';

const files = perfFiles(Number(process.argv[2] ?? Infinity));
let cells = 0;
for (const f of files) cells += (JSON.parse(fs.readFileSync(f, 'utf8')) as { cells: unknown[] }).cells.length;
process.stdout.write(`${cells}\n`);
