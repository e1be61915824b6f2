import { Writable } from 'node:stream';

/** A stream to hand a logger, and the JSON lines written to it, each parsed, in the order written. */
export function logSink(): { sink: Writable; lines: Record<string, any>[] } {
  const lines: Record<string, any>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(
        ...String(chunk)
          .split('\n')
          .filter(Boolean)
          .map((line) => JSON.parse(line)),
      );
      done();
    },
  });
  return { sink, lines };
}
