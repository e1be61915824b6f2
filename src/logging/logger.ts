import pino, { type Logger } from 'pino';
import { requestScope } from './request-context';

export type { Logger };

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'hotel-api' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin() {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId, ...(scope.operationName ? { operation: scope.operationName } : {}) } : {};
      },
    },
    destination,
  );
}
