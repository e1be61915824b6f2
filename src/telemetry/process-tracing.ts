import { tracingFromEnvironment } from './tracing';

/**
 * The process's tracing, started as this module loads, because the instrumentations can
 * only patch the modules loaded after them: `src/main.ts` imports it before anything else.
 */
const processTracing = tracingFromEnvironment();

/** Exports the spans still queued and ends tracing: the last step of shutdown. */
export async function stopTracing(): Promise<void> {
  await processTracing?.shutdown();
}
