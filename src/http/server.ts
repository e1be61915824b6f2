import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { parseBearer } from '../auth/api-tokens';
import { AUTH_CHANGED, type CallerCache, createCallerCache } from '../auth/caller-cache';
import { createCostBudgets } from '../auth/cost-budgets';
import { LoginThrottle } from '../auth/login-throttle';
import type { Config } from '../config';
import { type ControlPool, createControlPool } from '../db/control-pool';
import { onSessionNotice } from '../db/database';
import { errorCountStore } from '../db/error-count-store';
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
import { startAlertWorker } from '../jobs/alert-delivery-worker';
import { integrityAlerts } from '../jobs/integrity-alerts';
import { integrityDeskNotice } from '../jobs/integrity-desk-notice';
import { integrityJobs } from '../jobs/integrity-job';
import { createIntegrityWatch, type IntegrityWatch } from '../jobs/integrity-watch';
import { nightAuditJob } from '../jobs/night-audit-job';
import { startScheduler } from '../jobs/scheduler';
import { sweepJobs } from '../jobs/sweeps';
import { startWebhookWorker } from '../jobs/webhook-delivery-worker';
import type { Logger } from '../logging/logger';
import { requestScope } from '../logging/request-context';
import { checkRaisesAlert, createAlerts } from '../services/alerts';
import { ensureBusinessDate } from '../services/business-date';
import { logAccess } from './access-log';
import { introspectionNeedsToken, metricsPlugin, replayedHeader } from './apollo-plugins';
import { compiledExecution } from './compiled-execution';
import { builtConsoleDirectory, mountConsole } from './console';
import { allowCrossOrigin } from './cors';
import { costBudgetPlugin } from './cost-budget-plugin';
import { mountExplorer } from './explorer';
import { httpStatusPlugin, retryAfterSeconds } from './http-status';
import { InFlight } from './in-flight';
import { createMetrics, type HttpMetrics } from './metrics';
import { serveMetrics } from './metrics-endpoint';
import { queryLimits, refuseOversizedDocuments } from './query-limits';
import { type JsonError, refuseBatches, refuseCrossSiteRequests } from './request-guards';
import { assignRequestId } from './request-id';
import { registerSharedMetrics } from './shared-metrics';
import { tracedExecution } from './traced-execution';

export const BODY_LIMIT = '1mb';

/** After shutdown's grace has run out, how long the cancelled requests get to roll back and answer. */
const ROLLBACK_ALLOWANCE_MS = 5_000;

export interface ApiDependencies {
  orm: MikroORM;
  config: Config;
  logger: Logger;
  schema?: GraphQLSchema;
  /** Whether what the process runs beside itself is alive (an embedded PostgreSQL): /healthz answers it. */
  healthy?: () => boolean;
}

export interface RunningApi {
  url: string;
  port: number;
  /** Where /metrics is served when it has a port of its own. */
  metricsUrl?: string;
  metrics: HttpMetrics;
  errorMonitor: ErrorMonitor;
  control: ControlPool;
  /** Every integrity run of this process goes through it: run, stored, alerted. */
  integrity: IntegrityWatch;
  /** Who-is-this, kept in memory while the process hears every change to tokens and users. */
  callers: CallerCache;
  /**
   * Stops as shutdown must: /readyz answers 503 at once and no connection is accepted;
   * every request already running completes and its response is delivered (with
   * `Connection: close`); past the grace, the ones still running are cancelled in the
   * database and rolled back before their sockets close.
   */
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} on ${host} is already in use; stop the other process or set PORT`) : error);
    });
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

export async function startApi(deps: ApiDependencies): Promise<RunningApi> {
  const { orm, config, logger } = deps;
  const schema = deps.schema ?? (await buildHotelSchema());
  const metrics = createMetrics();
  const control = createControlPool(orm.config.get('clientUrl')!, { timeoutMs: config.controlTimeoutMs });
  const alerts = createAlerts(control, config, logger);
  const errorMonitor = new ErrorMonitor(logger, metrics.registry, errorCountStore(control), {
    threshold: config.errorFrequencyThreshold,
    windowMs: config.errorFrequencyWindowMs,
    flushMs: config.errorStatsFlushMs,
    historyMs: config.errorHistoryMs,
    onCritical: (error) => alerts.criticalError(error),
  });
  registerSharedMetrics(metrics.registry, { control, errorMonitor, config });
  const loginThrottle = new LoginThrottle(control, {
    maxFailuresPerEmail: config.loginMaxFailuresPerEmail,
    maxFailuresPerAddress: config.loginMaxFailuresPerAddress,
    windowMs: config.loginFailureWindowMs,
  });
  const costBudgets = createCostBudgets(control, { defaultBudget: config.costBudget, windowMs: config.costWindowMs });
  const integrity = createIntegrityWatch({
    url: orm.config.get('clientUrl')!,
    config,
    logger,
    listeners: [integrityDeskNotice(config, logger, (severity) => checkRaisesAlert(config, severity)), integrityAlerts(alerts)],
  });
  const inFlight = new InFlight(config.requestTimeoutMs);
  const callers = createCallerCache(control, { url: orm.config.get('clientUrl')!, ttlMs: config.callerCacheMs, logger, timeoutMs: config.controlTimeoutMs });
  // What a request changed about tokens or users is forgotten before that request answers.
  const stopHearing = onSessionNotice(orm, (message) => {
    if (message === AUTH_CHANGED) callers.forgetAll();
  });

  const app = express();
  app.disable('x-powered-by');
  // Who the client is (`req.ip`): the socket's peer, unless TRUST_PROXY names the proxies to believe.
  app.set('trust proxy', config.trustProxy);
  const httpServer = createServer(app);

  const limits = queryLimits();
  const apollo = new ApolloServer<GraphQLContext>({
    gateway: tracedExecution(compiledExecution(schema, (plan) => metrics.graphqlExecutions.inc({ plan }))),
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
      introspectionNeedsToken(),
      replayedHeader(),
      ...limits.plugins,
      costBudgetPlugin(costBudgets, metrics),
      httpStatusPlugin(),
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
    ],
  });
  await apollo.start();

  /** Errors met before GraphQL sees the request, in the same shape as GraphQL's own. */
  type Answerable = Pick<ClassifiedError, 'code' | 'category' | 'severity' | 'retryable' | 'message'>;
  const answer = (res: Response, status: number, error: Answerable, errorId: string) => {
    res.status(status).json({
      errors: [
        { message: error.message, extensions: { code: error.code, category: error.category, severity: error.severity, retryable: error.retryable, errorId } },
      ],
    });
  };
  const jsonError: JsonError = (req, res, status, error) => {
    answer(res, status, error, errorMonitor.record(error, { requestId: req.requestId }));
  };

  app.use(assignRequestId);
  app.use(logAccess(logger));
  // Liveness: the process, and an embedded PostgreSQL it runs, are alive. An external database is /readyz's.
  app.get('/healthz', (_req, res) => {
    if (deps.healthy && !deps.healthy()) res.status(503).json({ status: 'embedded PostgreSQL is down' });
    else res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (inFlight.isDraining) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    const ready = await control.query('select 1').then(
      () => true,
      () => false,
    );
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'database unavailable' });
  });
  const metricsServer = serveMetrics(app, metrics, config);
  if (config.nodeEnv !== 'production') mountExplorer(app);
  mountConsole(app, builtConsoleDirectory());

  app.use(
    '/graphql',
    // First: a preflight is no request to refuse or count, and every answer below, errors included, must be readable by an allowed page.
    allowCrossOrigin(config.corsOrigins, jsonError),
    // Shutting down: a request that reaches an open connection now is not started.
    (req: Request, res: Response, next: NextFunction) => {
      if (!inFlight.isDraining) return next();
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', retryAfterSeconds(undefined));
      jsonError(req, res, 503, new ServiceUnavailableError(ErrorCode.SHUTTING_DOWN));
    },
    express.json({ limit: BODY_LIMIT }),
    refuseBatches(jsonError),
    refuseCrossSiteRequests(jsonError),
    refuseOversizedDocuments(jsonError),
    // Entered after the body is parsed: stream callbacks would drop the async context.
    (req: Request, _res: Response, next: NextFunction) => {
      req.scope = { requestId: req.requestId };
      requestScope.run(req.scope, next);
    },
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GraphQLContext> => {
        const signal = inFlight.begin(res);
        const em = orm.em.fork();
        // The logger's mixin stamps the request id of the scope entered above on every line.
        const requestLogger = logger;
        const secret = parseBearer(req.get('authorization'));
        let caller: GraphQLContext['caller'] = null;
        try {
          caller = secret ? await callers.authenticate(secret) : null;
          req.caller = caller;
        } catch (error) {
          // The database could not be asked who this is: a retryable outage, not a bad token.
          const outage = new ServiceUnavailableError(ErrorCode.SERVICE_UNAVAILABLE, { cause: error });
          errorMonitor.record(outage, { requestId: req.requestId });
          // GraphQLError takes any object as its original; the formatter finds the classified one there.
          throw new GraphQLError(outage.message, {
            originalError: outage as unknown as Error,
            extensions: { http: { status: 503, headers: new Map([['retry-after', retryAfterSeconds(outage.retryAfterMs)]]) } },
          });
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
          integrity,
          loginThrottle,
          idempotencyKey: req.get('idempotency-key') ?? null,
          cancellation: { signal, cancelBackend: control.cancelBackend },
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

  const scheduler = startScheduler(
    control,
    [
      ...sweepJobs(control, config, (time) => errorMonitor.sliceOf(time)),
      ...(config.nightAuditAt ? [nightAuditJob(orm, control, config, logger)] : []),
      ...integrityJobs(integrity, config),
    ],
    logger,
  );
  // Connections of its own: a batch of outcomes recorded at once never queues authentication behind it.
  const webhookConnections = createControlPool(orm.config.get('clientUrl')!, { timeoutMs: config.controlTimeoutMs, size: 2 });
  const webhookWorker = startWebhookWorker(orm, webhookConnections, config, logger);
  const alertWorker = config.criticalErrorAlerts && config.alertWebhookUrl ? startAlertWorker(webhookConnections, config, logger) : undefined;
  await ensureBusinessDate(control.query, config.hotelTimeZone);
  const port = await listen(httpServer, config.port, config.host);
  const metricsPort = metricsServer ? await listen(metricsServer, config.metricsPort!, config.host) : undefined;

  const shutDown = async () => {
    inFlight.drain();
    httpServer.close();
    httpServer.closeIdleConnections();
    metricsServer?.close();
    const finished = await Promise.race([inFlight.idle().then(() => true), sleep(config.shutdownGraceMs).then(() => false)]);
    if (!finished) {
      logger.warn({ running: inFlight.count, graceMs: config.shutdownGraceMs }, 'shutdown grace over: cancelling the requests still running');
      inFlight.abortAll(new ServiceUnavailableError(ErrorCode.SHUTTING_DOWN));
      await Promise.race([inFlight.idle(), sleep(ROLLBACK_ALLOWANCE_MS)]);
    }
    httpServer.closeAllConnections();
    metricsServer?.closeAllConnections();
    await apollo.stop();
    await scheduler.stop();
    await integrity.close();
    await webhookWorker.stop();
    await alertWorker?.stop();
    await webhookConnections.end();
    await errorMonitor.flush();
    await alerts.drain();
    stopHearing();
    await callers.close();
    await control.end();
  };
  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}/graphql`,
    port,
    metricsUrl: metricsPort === undefined ? undefined : `http://${config.host}:${metricsPort}/metrics`,
    metrics,
    errorMonitor,
    control,
    integrity,
    callers,
    close: () => {
      closing ??= shutDown();
      return closing;
    },
  };
}
