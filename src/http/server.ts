import type { Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { authenticate, parseBearer } from '../auth/api-tokens';
import { LoginThrottle } from '../auth/login-throttle';
import type { Config } from '../config';
import { CLASSIFICATION } from '../errors/classification';
import type { ClassifiedError } from '../errors/classified-error';
import { ErrorCode } from '../errors/error-code';
import { ErrorMonitor } from '../errors/error-monitor';
import { UNEXPECTED } from '../errors/error-types';
import { NotFoundError } from '../errors/not-found-error';
import { RequestError } from '../errors/request-error';
import { ServiceUnavailableError } from '../errors/service-unavailable-error';
import type { GraphQLContext } from '../graphql/context';
import { createErrorFormatter } from '../graphql/format-error';
import { createLoaders } from '../graphql/loaders';
import { buildHotelSchema } from '../graphql/schema';
import type { Logger } from '../logging/logger';
import { requestScope } from '../logging/request-context';
import { metricsPlugin } from './apollo-plugins';
import { createMetrics, type HttpMetrics } from './metrics';
import { queryLimits, refuseOversizedDocuments } from './query-limits';
import { type JsonError, refuseBatches, refuseCrossSiteRequests } from './request-guards';
import { assignRequestId } from './request-id';

export const BODY_LIMIT = '1mb';

export interface ApiDependencies {
  orm: MikroORM;
  config: Config;
  logger: Logger;
  schema?: GraphQLSchema;
}

export interface RunningApi {
  url: string;
  port: number;
  metrics: HttpMetrics;
  errorMonitor: ErrorMonitor;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

async function databaseAnswers(orm: MikroORM): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000).unref());
  const check = orm.em
    .getConnection()
    .execute('select 1')
    .then(() => true)
    .catch(() => false);
  return Promise.race([check, timeout]);
}

export async function startApi(deps: ApiDependencies): Promise<RunningApi> {
  const { orm, config, logger } = deps;
  const schema = deps.schema ?? (await buildHotelSchema());
  const metrics = createMetrics();
  const errorMonitor = new ErrorMonitor(logger, metrics.registry, {
    threshold: config.errorFrequencyThreshold,
    windowMs: config.errorFrequencyWindowMs,
  });

  const loginThrottle = new LoginThrottle({
    maxFailuresPerEmail: config.loginMaxFailuresPerEmail,
    maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
    windowMs: config.loginFailureWindowMs,
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  const httpServer: Server = (await import('node:http')).createServer(app);

  const limits = queryLimits();
  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // One operation per request: a JSON array is refused before it gets here (see below).
    allowBatchedHttpRequests: false,
    formatError: createErrorFormatter(errorMonitor, { exposeDetails: config.exposeErrorDetails }),
    includeStacktraceInErrorResponses: false,
    introspection: config.nodeEnv !== 'production',
    hideSchemaDetailsFromClientErrors: config.nodeEnv === 'production',
    csrfPrevention: true,
    // The process owns shutdown (drain HTTP, close the ORM, stop PostgreSQL, in that order).
    stopOnTerminationSignals: false,
    logger: { debug: () => undefined, info: () => undefined, warn: (m) => logger.warn(String(m)), error: (m) => logger.error(String(m)) },
    // No HTTP caching of GraphQL answers here; its plugin would wrap every field resolver.
    plugins: [
      metricsPlugin(metrics),
      ...limits.plugins,
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  /** Errors met before GraphQL sees the request, in the same shape as GraphQL's own. */
  type Answerable = Pick<ClassifiedError, 'code' | 'category' | 'severity' | 'retryable' | 'message'>;
  const answer = (res: Response, status: number, error: Answerable, errorId: string, message = error.message) => {
    res.status(status).json({
      errors: [{ message, extensions: { code: error.code, category: error.category, severity: error.severity, retryable: error.retryable, errorId } }],
    });
  };
  const jsonError: JsonError = (req, res, status, error) => {
    answer(res, status, error, errorMonitor.record(error, { requestId: req.requestId }));
  };

  app.use(assignRequestId);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const ready = await databaseAnswers(orm);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable' });
  });
  app.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    refuseBatches(jsonError),
    refuseCrossSiteRequests(jsonError),
    refuseOversizedDocuments(jsonError),
    // Entered after the body is parsed: stream callbacks would drop the async context.
    (req: Request, _res: Response, next: NextFunction) => requestScope.run({ requestId: req.requestId }, next),
    expressMiddleware(apollo, {
      context: async ({ req }): Promise<GraphQLContext> => {
        const em = orm.em.fork();
        const requestLogger = logger.child({ requestId: req.requestId });
        const secret = parseBearer(req.get('authorization'));
        let caller: GraphQLContext['caller'] = null;
        try {
          caller = secret ? await authenticate(em, secret, requestLogger) : null;
        } catch (error) {
          // The database could not be asked who this is: a retryable outage, not a bad token.
          const outage = new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { cause: error });
          errorMonitor.record(outage, { requestId: req.requestId });
          // GraphQLError takes any object as its original; the formatter finds the classified one there.
          throw new GraphQLError(outage.message, { originalError: outage as unknown as Error, extensions: { http: { status: 503 } } });
        }
        return {
          em,
          loaders: createLoaders(em),
          caller,
          authFailure: secret && !caller ? 'The bearer token is not valid, expired or revoked.' : null,
          requestId: req.requestId,
          clientAddress: req.ip ?? 'unknown',
          config,
          logger: requestLogger,
          errorMonitor,
          loginThrottle,
        };
      },
    }),
  );

  app.use((req: Request, res: Response) => jsonError(req, res, 404, new NotFoundError('Route', req.path, 'No such route; the API is at POST /graphql.')));
  app.use((error: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    if (error.type === 'entity.too.large')
      return jsonError(req, res, 413, new RequestError(`The request body exceeds ${BODY_LIMIT}.`, ErrorCode.PAYLOAD_TOO_LARGE));
    if (error.type === 'entity.parse.failed') return jsonError(req, res, 400, new RequestError('The request body is not valid JSON.', ErrorCode.BAD_REQUEST));
    if (error.status && error.status >= 400 && error.status < 500)
      return jsonError(req, res, error.status, new RequestError('The request could not be read.', ErrorCode.BAD_REQUEST));
    answer(res, 500, { code: UNEXPECTED, ...CLASSIFICATION[UNEXPECTED] }, errorMonitor.record(error, { requestId: req.requestId }));
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE' ? new PortInUseError(`port ${config.port} on ${config.host} is already in use; stop the other process or set PORT`) : error,
      );
    });
    httpServer.listen(config.port, config.host, () => resolve());
  });
  const address = httpServer.address();
  const port = typeof address === 'object' && address ? address.port : config.port;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    metrics,
    errorMonitor,
    close: () => {
      closing ??= apollo.stop();
      return closing;
    },
  };
}
