/** `[tool.preflight.hidden-state]`: options of the hidden-state rules (validated with the config). */
import { z } from 'zod';

export const hiddenStateSettings = z.strictObject({
  /** Names the notebooks' kernel provides that no cell defines (e.g. names a site kernel injects). */
  'known-names': z.array(z.string().regex(/^[\p{L}_][\p{L}\p{N}_]*$/u, 'a Python identifier')).optional(),
  /** More decorators (qualified, or a method name such as `route`) that mark per-request / per-run handlers. */
  'handler-decorators': z.array(z.string().min(1)).optional(),
});

export type HiddenStateSettings = z.infer<typeof hiddenStateSettings>;
