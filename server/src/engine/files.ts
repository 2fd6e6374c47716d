/**
 * Which files Preflight reads, by name: Python sources, notebooks and dependency manifests.
 */
import * as path from 'node:path';

export type FileKind =
  | { target: 'python' }
  | { target: 'notebook' }
  | { target: 'manifest'; manifestKind: ManifestKind };

export type ManifestKind =
  | 'requirements'
  | 'pyproject'
  | 'pipfile'
  | 'pipfile-lock'
  | 'environment'
  | 'setup-py'
  | 'setup-cfg'
  | 'dockerfile'
  | 'poetry-lock'
  | 'uv-lock'
  | 'pdm-lock';

export function classifyFile(file: string): FileKind | undefined {
  const base = path.basename(file);
  const lower = base.toLowerCase();
  if (lower === 'setup.py') return { target: 'manifest', manifestKind: 'setup-py' };
  if (lower.endsWith('.py') || lower.endsWith('.pyi')) return { target: 'python' };
  if (lower.endsWith('.ipynb')) return { target: 'notebook' };
  if (/^(requirements|constraints)[\w.-]*\.(txt|in)$/i.test(base) || (/\.txt$/i.test(base) && /(^|[\\/])requirements[\\/]/i.test(file))) {
    return { target: 'manifest', manifestKind: 'requirements' };
  }
  if (lower === 'pyproject.toml') return { target: 'manifest', manifestKind: 'pyproject' };
  if (base === 'Pipfile') return { target: 'manifest', manifestKind: 'pipfile' };
  if (base === 'Pipfile.lock') return { target: 'manifest', manifestKind: 'pipfile-lock' };
  if (/^environment[\w.-]*\.ya?ml$/i.test(base) || /^conda[\w.-]*\.ya?ml$/i.test(base)) return { target: 'manifest', manifestKind: 'environment' };
  if (lower === 'setup.cfg') return { target: 'manifest', manifestKind: 'setup-cfg' };
  if (base === 'Dockerfile' || /^Dockerfile\./.test(base) || /\.dockerfile$/i.test(base) || lower === 'containerfile') return { target: 'manifest', manifestKind: 'dockerfile' };
  if (lower === 'poetry.lock') return { target: 'manifest', manifestKind: 'poetry-lock' };
  if (lower === 'uv.lock') return { target: 'manifest', manifestKind: 'uv-lock' };
  if (lower === 'pdm.lock') return { target: 'manifest', manifestKind: 'pdm-lock' };
  return undefined;
}
