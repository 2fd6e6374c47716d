/** `[tool.preflight.dependencies]`: options of the dependency rules (validated with the config). */
import { z } from 'zod';

export const dependencySettings = z.strictObject({
  /** Distributions allowed without an exact pin anywhere (e.g. `pip`, `setuptools`). */
  'allow-unpinned': z.array(z.string()).optional(),
  /** Python version (`"3.11"`) whose standard library `undeclared-import` assumes; default: any 3.8–3.13. */
  'python-version': z.string().regex(/^3\.\d+$/, 'a version such as "3.11"').optional(),
  /** Top-level modules that belong to the project (not third-party), beside the ones found on disk. */
  'known-first-party': z.array(z.string()).optional(),
  /** Extra import name → distribution names (`{ "cv2" = ["opencv-python"] }`). */
  'import-map': z.record(z.string(), z.array(z.string())).optional(),
  /** Extra moving model aliases, and ids never to report. */
  'moving-model-aliases': z.array(z.string()).optional(),
  'allowed-model-ids': z.array(z.string()).optional(),
});

export type DependencySettings = z.infer<typeof dependencySettings>;
