/** Read any dependency manifest into the requirements it declares. */
import type { ManifestKind } from '../files';
import type { PythonProgram } from '../python/program';
import { parseEnvironmentYml } from './environmentYml';
import { parsePipfile, parsePyproject } from './pyproject';
import { parseRequirementsTxt } from './requirementsTxt';
import { parseSetupCfg } from './setupCfg';
import { parseSetupPy } from './setupPy';
import { EMPTY_MANIFEST, type ParsedManifest } from './types';

export type { ManifestRequirement, ParsedManifest, ManifestInclude, ProjectFacts } from './types';

/** Manifest kinds that declare requirements (lock files and Dockerfiles do not). */
export const DECLARING_KINDS: ReadonlySet<string> = new Set(['requirements', 'pyproject', 'pipfile', 'environment', 'setup-py', 'setup-cfg']);

export function parseManifest(kind: ManifestKind | string, text: string, program?: PythonProgram): ParsedManifest {
  try {
    switch (kind) {
      case 'requirements':
        return parseRequirementsTxt(text);
      case 'pyproject':
        return parsePyproject(text);
      case 'pipfile':
        return parsePipfile(text);
      case 'environment':
        return parseEnvironmentYml(text);
      case 'setup-cfg':
        return parseSetupCfg(text);
      case 'setup-py':
        return parseSetupPy(program);
      default:
        return EMPTY_MANIFEST;
    }
  } catch (e) {
    return { ...EMPTY_MANIFEST, error: (e as Error).message };
  }
}
