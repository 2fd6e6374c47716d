/**
 * Distributions a script's own usage text supplies when it is run: the module docstring of a
 * `.py` file saying `uv run --with playwright python scripts/smoke.py` or `uvx --with rich …`
 * (uv installs them into a throwaway environment for that run), or `pip install playwright`
 * (the reader installs them before running it). Such an import is not "a fresh install will
 * not have it" for the way the file says it is run; undeclared-import reports it as a hint.
 *
 *   suppliedByUsage(program)   normalised distribution names → the command that supplies them
 */
import { normalizeName, parseRequirement } from '../manifests/requirement';
import type { PythonProgram } from '../python/program';
import { stringValue } from '../python/syntax';

/** The module docstring: the first statement of a `.py` file when it is a string. */
function moduleDocstring(program: PythonProgram): string | undefined {
  if (program.kind !== 'python') return undefined;
  const first = program.units[0]?.root.children.find((c) => c.named && c.type !== 'comment');
  const str = first?.type === 'expression_statement' ? first.children.find((c) => c.named) : undefined;
  return str?.type === 'string' ? stringValue(str) : undefined;
}

export function suppliedByUsage(program: PythonProgram): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const doc = moduleDocstring(program);
  if (!doc) return out;
  for (const line of doc.split('\n')) {
    const words = line.trim().replace(/^[$>]\s*/, '').split(/\s+/).filter(Boolean);
    const uv = words.findIndex((w, i) => (w === 'uv' && words[i + 1] === 'run') || w === 'uvx');
    if (uv >= 0) {
      for (let i = uv + 1; i < words.length; i++) {
        const value = words[i] === '--with' ? words[++i] : words[i]!.startsWith('--with=') ? words[i]!.slice(7) : undefined;
        for (const spec of value?.split(',') ?? []) add(out, spec, `uv run --with ${spec}`);
      }
    }
    const pip = words.findIndex((w, i) => w === 'pip' && words[i + 1] === 'install');
    if (pip >= 0) {
      for (const w of words.slice(pip + 2)) {
        if (w.startsWith('-') || /[/\\]|^\.$/.test(w)) continue;
        add(out, w, `pip install ${w}`);
      }
    }
  }
  return out;
}

function add(out: Map<string, string>, spec: string | undefined, command: string): void {
  const req = spec ? parseRequirement(spec.replace(/^["'`]|["'`]$/g, '')) : undefined;
  if (req?.name) out.set(normalizeName(req.name), command.replace(/`/g, ''));
}
