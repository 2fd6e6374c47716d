/**
 * Facts about a manifest's surroundings: is it locked by a file beside it (TAXONOMY D-req's
 * exemptions), and which versions do its `-c` constraints files pin.
 */
import * as path from 'node:path';
import { parseManifest, type ParsedManifest } from '../manifests';
import type { ProjectContext } from '../project';
import { workspaceLockFor } from './projectDeclarations';
import { fullyPinnedRequirementFiles, projectLockBeside } from './versions';

/** Why a manifest's ranges are fine: the lock file that sits beside it, if any. */
export function lockBeside(project: ProjectContext, file: string, kind: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  const base = path.basename(file);
  const has = (n: string) => project.fs.exists(path.join(dir, n));
  switch (kind) {
    case 'pyproject':
    case 'setup-py':
    case 'setup-cfg':
      // A workspace member is locked by the workspace root's lock file (one lock for every member).
      return projectLockBeside(project, dir) ?? workspaceLockFor(project, dir);
    case 'pipfile':
      return has('Pipfile.lock') ? 'Pipfile.lock' : undefined;
    case 'environment': {
      // Only a conda lock locks an environment.yml (conda-lock's files, or an @EXPLICIT spec list).
      const names = project.fs.readDir(dir) ?? [];
      return names.find((n) => /^conda-lock\.ya?ml$|\.conda-lock\.ya?ml$|^conda-[\w-]+\.lock$|^explicit[\w.-]*\.txt$/i.test(n));
    }
    case 'requirements':
      // requirements.in is pip-compile's input: the compiled, fully pinned .txt beside it locks it.
      if (/\.in$/i.test(base)) return fullyPinnedRequirementFiles(project, dir)[0];
      return undefined;
    default:
      return undefined;
  }
}

/** Normalised names pinned exactly by the constraints files a requirements file includes (`-c`), followed recursively. */
export function constrainedNames(project: ProjectContext, file: string, parsed: ParsedManifest, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  seen.add(path.resolve(file));
  for (const inc of parsed.includes) {
    const target = path.resolve(path.dirname(path.resolve(file)), inc.path);
    if (seen.has(target)) continue;
    const text = project.fs.readFile(target);
    if (text === undefined) continue;
    const child = parseManifest('requirements', text);
    if (inc.kind === 'constraints') for (const r of child.requirements) if (r.requirement.pinned) out.add(r.requirement.key);
    for (const k of constrainedNames(project, target, child, seen)) out.add(k);
  }
  return out;
}
