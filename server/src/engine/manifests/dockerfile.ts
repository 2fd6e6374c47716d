/**
 * Dockerfiles through dockerfile-ast (the parser behind the Docker language server): the base
 * images of `FROM` lines (with `ARG` defaults resolved, earlier stage names and `scratch`
 * recognised), the shell text of `RUN` lines and the values `ENV` and `ARG` set.
 */
import { Arg, DockerfileParser, Env, type From, type Property } from 'dockerfile-ast';
import { LineIndex } from '../model';
import { blankOverlongLines } from './lineLimit';

export interface BaseImage {
  /** Offsets of the image reference as written. */
  readonly start: number;
  readonly end: number;
  /** The reference with ARG values substituted. */
  readonly image: string;
  /** `none` (no tag, no digest), `latest`, or `fixed`. */
  readonly tag: 'none' | 'latest' | 'fixed';
  /** Why it cannot be judged: a stage name, `scratch`, or a variable without a default. */
  readonly skip?: 'stage' | 'scratch' | 'unresolved';
}

export interface RunInstruction {
  /** Offsets of the command text after `RUN` (and its flags). */
  readonly start: number;
  readonly end: number;
}

/** A value an `ENV` or `ARG` instruction sets (an `ARG` default): kept in the image's history. */
export interface BuildVariable {
  readonly keyword: 'ENV' | 'ARG';
  readonly name: string;
  /** The value with quotes removed. */
  readonly value: string;
  /** Offsets of the value as written (quotes included). */
  readonly start: number;
  readonly end: number;
}

export interface ParsedDockerfile {
  /** The text the offsets index: the file with lines over the length limit blanked (lineLimit.ts). */
  readonly text: string;
  readonly images: BaseImage[];
  readonly runs: RunInstruction[];
  readonly variables: BuildVariable[];
}

export function parseDockerfile(written: string): ParsedDockerfile {
  // A line over the limit is the invalid-file rule's finding, and not read here.
  const text = blankOverlongLines(written);
  const df = DockerfileParser.parse(text);
  const lines = new LineIndex(text);
  const offset = (p: { line: number; character: number }) => lines.offsetAt({ line: p.line, column: p.character });
  const stages = new Set<string>();
  const images: BaseImage[] = [];
  for (const from of df.getFROMs() as From[]) {
    const range = from.getImageRange();
    const written = from.getImage();
    const stage = from.getBuildStage();
    if (!range || !written) {
      if (stage) stages.add(stage.toLowerCase());
      continue;
    }
    const start = offset(range.start);
    const end = offset(range.end);
    // ARG defaults before the first FROM are in scope for FROM lines.
    let unresolved = false;
    const image = written.replace(/\$\{?([A-Za-z_]\w*)(?::?[-+][^}]*)?\}?/g, (_m, name: string) => {
      const v = df.resolveVariable(name, range.start.line);
      if (v === null || v === undefined || v === '') {
        unresolved = true;
        return '';
      }
      return v;
    });
    const lower = image.toLowerCase();
    const digest = image.includes('@sha256:') || image.includes('@');
    const lastSlash = image.lastIndexOf('/');
    const colon = image.indexOf(':', lastSlash + 1);
    const tagText = colon >= 0 ? image.slice(colon + 1).split('@')[0]! : '';
    const tag: BaseImage['tag'] = digest ? 'fixed' : colon < 0 || tagText === '' ? 'none' : tagText.toLowerCase() === 'latest' ? 'latest' : 'fixed';
    const skip: BaseImage['skip'] | undefined = lower === 'scratch' ? 'scratch' : stages.has(lower) ? 'stage' : unresolved && (colon < 0 || tagText === '') ? 'unresolved' : undefined;
    images.push({ start, end, image, tag, ...(skip ? { skip } : {}) });
    if (stage) stages.add(stage.toLowerCase());
  }
  const runs: RunInstruction[] = [];
  const variables: BuildVariable[] = [];
  const variable = (keyword: BuildVariable['keyword'], p: Property | null) => {
    const value = p?.getValue();
    const r = p?.getValueRange();
    if (p && value && r) variables.push({ keyword, name: p.getName(), value, start: offset(r.start), end: offset(r.end) });
  };
  for (const ins of df.getInstructions()) {
    if (ins instanceof Env) ins.getProperties().forEach((p) => variable('ENV', p));
    else if (ins instanceof Arg) variable('ARG', ins.getProperty());
    if (ins.getKeyword() !== 'RUN') continue;
    const r = ins.getArgumentsRange();
    if (!r) continue;
    let start = offset(r.start);
    const end = offset(r.end);
    // RUN --mount=… --network=…: flags of RUN itself
    while (text.startsWith('--', start)) {
      const m = /^--\S+\s*/.exec(text.slice(start, end));
      if (!m) break;
      start += m[0].length;
    }
    // exec form RUN ["pip", "install", "x"]: the words are JSON strings
    runs.push({ start, end });
  }
  return { text, images, runs, variables };
}
