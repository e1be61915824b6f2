/**
 * Runs a command-line script's main and sets its exit code: what main returns (0 when
 * nothing), or `failureCode` with one line on stderr when it throws.
 */
export function runScript(name: string, main: () => Promise<number | undefined>, failureCode = 1): void {
  main().then(
    (code) => {
      process.exitCode = code ?? 0;
    },
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = failureCode;
    },
  );
}
