/** Read any dependency manifest into the requirements it declares. */
import type { ManifestKind } from '../files';
import type { PythonProgram } from '../python/program';
import { parseEnvironmentYml } from './environmentYml';
import { jsonSyntaxProblem, tomlSyntaxProblem } from './formatErrors';
import { firstOverlongLine, overlongProblem } from './lineLimit';
import { parsePipfile, parsePyproject } from './pyproject';
import { parseRequirementsTxt } from './requirementsTxt';
import { parseSetupCfg } from './setupCfg';
import { parseSetupPy } from './setupPy';
import { EMPTY_MANIFEST, type ManifestProblem, type ParsedManifest } from './types';

export type { ManifestRequirement, ParsedManifest, ManifestInclude, ManifestProblem, ProjectFacts } from './types';

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
    // An internal failure, not the file's: its message may quote the file, so only its kind is said.
    return { ...EMPTY_MANIFEST, error: { message: `could not be read (${(e as Error)?.name ?? 'error'} in Preflight's ${kind} reader)`, start: 0, end: 0 } };
  }
}

/**
 * Why a manifest is malformed, if it is: the one `invalid-file` finding of the file. The
 * parser's error first (TOML, YAML, JSON, Python syntax, configparser); else a line over the
 * length limit. Lock files are read for their syntax only; setup.py's lines are the Python
 * parser's business.
 */
export function manifestProblem(kind: ManifestKind | string, text: string, program?: PythonProgram): ManifestProblem | undefined {
  switch (kind) {
    case 'pipfile-lock':
      return jsonSyntaxProblem(text);
    case 'poetry-lock':
    case 'uv-lock':
    case 'pdm-lock':
      return tomlSyntaxProblem(text);
    case 'setup-py':
      return parseManifest(kind, text, program).error;
    default: {
      const parsed = DECLARING_KINDS.has(kind) ? parseManifest(kind, text, program) : EMPTY_MANIFEST;
      if (parsed.error) return parsed.error;
      const long = firstOverlongLine(text);
      return long ? overlongProblem(text, long) : undefined;
    }
  }
}
