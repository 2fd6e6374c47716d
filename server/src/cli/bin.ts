/** Entry of the bundled CLI (dist/cli.js): run main() on the process arguments, or serve as a check worker. */
import { main } from './main';
import { isCheckWorker, runCheckWorker } from './parallel';

if (isCheckWorker()) {
  void runCheckWorker();
} else {
  // This same file is the worker script of parallel checks (parallel.ts).
  main(process.argv.slice(2), undefined, undefined, { workerScript: __filename }).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`preflight: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 2;
    },
  );
}
