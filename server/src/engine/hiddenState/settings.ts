/** `[tool.preflight.hidden-state]`: options of the hidden-state rules (validated with the config). */
import { z } from 'zod';
import { patternSchema } from '../python/patterns';

export const hiddenStateSettings = z.strictObject({
  /** Names the notebooks' kernel provides that no cell defines (e.g. names a site kernel injects). */
  'known-names': z.array(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a Python identifier')).optional(),
  /**
   * More decorators that mark per-request / per-run handlers: name patterns (docs/patterns.md)
   * matched against the decorator's qualified name or its last attribute (`route`).
   */
  'handler-decorators': z.array(patternSchema).optional(),
});

export type HiddenStateSettings = z.infer<typeof hiddenStateSettings>;
