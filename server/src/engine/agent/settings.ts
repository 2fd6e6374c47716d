/** `[tool.preflight.agent]`: options of the agent production-readiness rules (validated with the config). */
import { z } from 'zod';

export const agentSettings = z.strictObject({
  /** Seconds the missing-timeout quick fix writes. */
  timeout: z.number().positive().max(3600).optional(),
  /** Attempts the unbounded-retry quick fix allows (`stop_after_attempt(n)`, `max_tries=n`). */
  'max-attempts': z.number().int().min(1).max(100).optional(),
});

export type AgentSettings = z.infer<typeof agentSettings>;
