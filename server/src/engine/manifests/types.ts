/** What every manifest parser returns: the requirements it declares, with their places. */
import type { ParsedRequirement } from './requirement';

export interface ManifestRequirement {
  readonly requirement: ParsedRequirement;
  /** Offsets in the manifest text of the requirement as written (what a finding underlines). */
  readonly start: number;
  readonly end: number;
  /**
   * Where a pin fix writes, and what: replace [start, end) by `text(version)`. Absent when the
   * syntax has no safe place for a version (a bare URL, an inline table we did not locate).
   */
  readonly fix?: { start: number; end: number; text: (version: string) => string };
  /** The list it belongs to (`dependencies`, `optional-dependencies.dev`, `dev-packages`, `pip`…). */
  readonly group: string;
  /** Pinned by a `--hash` option or a constraints file rather than by its own specifier. */
  readonly pinnedElsewhere?: boolean;
}

export interface ManifestInclude {
  readonly kind: 'requirements' | 'constraints';
  readonly path: string;
  readonly start: number;
  readonly end: number;
}

export interface ParsedManifest {
  readonly requirements: ManifestRequirement[];
  readonly includes: ManifestInclude[];
  /** The project's own distribution name (`[project].name`, `setup(name=…)`), if declared. */
  readonly projectName?: string;
  /** Set when the file could not be read as its format (invalid TOML/YAML). */
  readonly error?: string;
}

export const EMPTY_MANIFEST: ParsedManifest = { requirements: [], includes: [] };
