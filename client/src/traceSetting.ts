/** `preflight.trace.server`, read without the vscode API (unit-tested; see traceChannel.ts). */
export const TRACE_CHANNEL_NAME = 'Preflight Trace';

/** Whether a `preflight.trace.server` value asks for a trace (`messages` or `verbose`). */
export function traceEnabled(setting: unknown): boolean {
  return setting === 'messages' || setting === 'verbose';
}
