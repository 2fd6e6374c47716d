/**
 * The parsed TOML document of a project file (`pyproject.toml`, `prefect.toml`, a lock file), read
 * through the project's file system (unsaved editor text included) and parsed once per project
 * state: every reader of the same file shares one parse. Undefined when the file is missing or is
 * not valid TOML (the invalid-file rule reports that).
 */
import { parseTomlOnce } from '../manifests/tomlText';
import type { ProjectContext } from '../project';

export type TomlTable = Record<string, unknown>;

export function tomlDocumentOf(project: ProjectContext, file: string): TomlTable | undefined {
  return project.memo(`toml:${file}`, () => {
    const text = project.fs.readFile(file);
    return text === undefined ? undefined : parseTomlText(text);
  });
}

/** A TOML text's document; undefined when it is not valid TOML. */
export function parseTomlText(text: string): TomlTable | undefined {
  const r = parseTomlOnce(text);
  return 'doc' in r ? r.doc : undefined;
}
