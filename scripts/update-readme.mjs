// Rewrites the generated rule table in README.md from the rule registry.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';

const out = 'out-readme/rulesTable.js';
await esbuild.build({ entryPoints: ['test/meta/rulesTable.ts'], outfile: out, bundle: true, packages: 'external', platform: 'node', format: 'cjs', logLevel: 'warning' });
const { rulesTable, START, END } = createRequire(import.meta.url)(`../${out}`);
const readme = fs.readFileSync('README.md', 'utf8');
const a = readme.indexOf(START);
const b = readme.indexOf(END);
if (a < 0 || b < 0) throw new Error('README.md has no generated rules section');
fs.writeFileSync('README.md', readme.slice(0, a) + rulesTable() + readme.slice(b + END.length));
fs.rmSync('out-readme', { recursive: true, force: true });
console.log('README.md rule table updated');
