/**
 * Every subcommand's arguments the same way: Node's `parseArgs` with its options, an unknown or
 * malformed flag printed with the command's usage (exit 2), `--help` printing the usage (exit 0).
 * Returns the parsed values, or the exit code to return.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Where a command writes: standard output and standard error (captured in tests). */
export type Io = { out: (s: string) => void; err: (s: string) => void };

type Options = NonNullable<ParseArgsConfig['options']>;

export function commandArgs<O extends Options>(args: string[], options: O, usage: string, io: Io): ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: O }>> | number {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options });
  } catch (e) {
    io.err(`preflight: ${(e as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(`${usage}\n`);
    return 0;
  }
  return parsed;
}
