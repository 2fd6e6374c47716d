// Writes package.json `contributes.configuration` from the settings' zod schemas
// (server/src/settings.ts `configurationContribution()`); test/client/packageJson.test.ts fails
// until it has been run after a setting or a rule id changes. Touches nothing else in package.json:
// run it with `node scripts/generate-configuration.mjs`.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

// Inside the repo (out/ is ignored) so the bundle's external packages resolve from node_modules.
const out = path.resolve('out', 'generate-configuration', 'settings.cjs');
await esbuild.build({ entryPoints: ['server/src/settings.ts'], outfile: out, bundle: true, platform: 'node', format: 'cjs', packages: 'external', logLevel: 'warning' });
const { configurationContribution } = createRequire(import.meta.url)(out);
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
// Settings other features own (e.g. `preflight.checklist.*`) are kept after the generated ones.
const generated = configurationContribution();
const others = Object.fromEntries(Object.entries(pkg.contributes?.configuration?.properties ?? {}).filter(([key]) => !(key in generated.properties)));
pkg.contributes = { ...(pkg.contributes ?? {}), configuration: { ...generated, properties: { ...generated.properties, ...others } } };
fs.writeFileSync('package.json', JSON.stringify(pkg, null, 2) + '\n');
fs.rmSync(path.dirname(out), { recursive: true, force: true });
console.log('package.json contributes.configuration updated');
