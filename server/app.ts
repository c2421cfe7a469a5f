/**
 * buildApp(deps): the whole HTTP application, never listening. `main.ts` listens; tests call
 * `app.inject()`. Platform plugins first (cookies, rate limits, OpenAPI, errors, auth), then one
 * plugin per module under /api, then the built web app.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifySchema } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { DomainError } from '../common/errors.ts';
import type { Config } from './config.ts';
import { databaseStatus, type Database } from './db/database.ts';
import { fileStoreFor, type FileStoreKind } from './platform/file-store.ts';
import { registerReadReplica } from './platform/read-replica.ts';
import { databaseRateLimitStore } from './platform/rate-limit-store.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { resolveSession } from './modules/auth/index.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { unitRoutes } from './modules/unit/unit.routes.ts';
import { userRoutes } from './modules/user/user.routes.ts';
import { authPlugin } from './platform/auth.ts';
import type { Clock } from './platform/clock.ts';
import { NO_OUTBOUND, type OutboundChannels, type ServiceDeps } from './platform/deps.ts';
import { errorBody, registerErrorHandler } from './platform/error-handler.ts';
import { guardInput } from './platform/input-guard.ts';
import type { IdGenerator } from './platform/ids.ts';
import type { Logger } from './platform/logger.ts';
import type { PasswordHasher } from './platform/passwords.ts';
import type { FieldCipher } from './platform/crypto.ts';
import { petitionRoutes } from './modules/petition/petition.routes.ts';
import { todoRoutes } from './modules/todo/todo.routes.ts';
import { petitionerRoutes } from './modules/petitioner/petitioner.routes.ts';
import { intakeRoutes } from './modules/intake/intake.routes.ts';
import { namedPersonRoutes } from './modules/named-person/named-person.routes.ts';
import { visitRecordRoutes } from './modules/visit-record/visit-record.routes.ts';
import { callRecordRoutes } from './modules/call-record/call-record.routes.ts';
import { reportRoutes } from './modules/report/report.routes.ts';
import { accountabilityRoutes } from './modules/accountability/index.ts';
import { appraisalRoutes } from './modules/appraisal/index.ts';
import { preventionRoutes } from './modules/prevention/prevention.routes.ts';
import { dutyRoutes } from './modules/duty/duty.routes.ts';
import { emergencyRoutes } from './modules/emergency/emergency.routes.ts';
import { partnerRoutes } from './modules/partner/partner.routes.ts';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.ts';
import { mediationRoutes } from './modules/mediation/mediation.routes.ts';
import { trainingRoutes } from './modules/training/training.routes.ts';
import { notificationRoutes } from './modules/notification/notification.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { settingRoutes } from './modules/setting/setting.routes.ts';
import { categoryRoutes } from './modules/category/category.routes.ts';
import type { PetitionDeps } from './modules/petition/index.ts';
import { groupCommitter } from './db/group-commit.ts';
import { attachmentRoutes } from './modules/attachment/attachment.routes.ts';
import { documentRoutes } from './modules/document/document.routes.ts';
import { documentTemplateRoutes } from './modules/document/template.routes.ts';
import { messageRoutes } from './modules/portal/message.routes.ts';
import { portalRoutes } from './modules/portal/portal.routes.ts';
import { consultationPortalRoutes, consultationRoutes } from './modules/consultation/consultation.routes.ts';
import { publicityRoutes } from './modules/publicity/publicity.routes.ts';
import { warningRoutes } from './modules/warning/warning.routes.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';
import { DEFAULT_POW_BITS } from './modules/portal/portal.service.ts';
import { ATTACHMENT_MAX_BYTES } from '../common/schemas/petition.ts';
import { ledgerRoutes } from './modules/ledger/ledger.routes.ts';
import { textRoutes } from './modules/text/text.routes.ts';
import { workbenchRoutes } from './modules/workbench/workbench.routes.ts';
import { createTextModelCache } from './modules/text/index.ts';
import { createImportRegistry } from './modules/ledger/ledger.service.ts';
import { workerImportRunner, workerSheetChecker, type ImportWorkerSetup } from './modules/ledger/index.ts';

export type AppConfig = Pick<
  Config,
  | 'version'
  | 'demo'
  | 'sessionTtlHours'
  | 'cookieSecure'
  | 'trustProxy'
  | 'logRequests'
  | 'webDir'
  | 'dataDir'
  | 'publicUrl'
  | 'apiDocs'
> & {
  /** Log-in attempts per IP and minute. */
  loginRateLimitPerMinute?: number;
  /** Zero bits of the portal's proof of work (tests use fewer to stay fast). */
  portalPowBits?: number;
  /** Portal requests per IP and minute: filing, tracking (and its actions), the rest. */
  portalRateLimits?: { file: number; track: number; other: number };
  /** This instance's name in /api/health (Config.instanceId); tests leave it to the default. */
  instanceId?: string;
  /** Where stored files live (Config.fileStore); null or absent = the dialect's default. */
  fileStore?: FileStoreKind | null;
  /** How long a browser reads its own writes from the primary at most, with a replica (Config.readYourWritesMs). */
  readYourWritesMs?: number;
};

export type AppDeps = {
  config: AppConfig;
  database: Database;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  hasher: PasswordHasher;
  /** Encrypts petitioner ID numbers and phones at rest. */
  cipher: FieldCipher;
  /** Which outbound channels are configured (none by default: tests, the command line). */
  outbound?: OutboundChannels;
  /**
   * How a ledger import's worker thread opens the database and the field key (the server passes it);
   * without it (tests) an import runs in the request's thread.
   */
  importWorker?: ImportWorkerSetup;
};

const BODY_LIMIT_BYTES = 1024 * 1024;

function serviceDepsOf(deps: AppDeps): ServiceDeps {
  return {
    db: deps.database.db,
    dialect: deps.database.dialect,
    clock: deps.clock,
    ids: deps.ids,
    log: deps.logger,
    hasher: deps.hasher,
    cipher: deps.cipher,
    outbound: deps.outbound ?? NO_OUTBOUND,
  };
}

/** A route as the app registered it: one method, its URL pattern and its schemas (zod). */
export type AppRoute = { method: string; url: string; schema: FastifySchema | undefined };

const routeTables = new WeakMap<FastifyInstance, AppRoute[]>();

/**
 * Every route of an app built by `buildApp`, as registered (HEAD routes Fastify adds are left out).
 * The generated tests walk this table, so a route added later is covered without being listed.
 */
export function routesOf(app: FastifyInstance): readonly AppRoute[] {
  return routeTables.get(app) ?? [];
}

/**
 * Request ids: a random per-process prefix and a counter — unique across instances, and cheap.
 * (A ULID per request cost half the throughput of GET /api/health in bench/health.bench.ts.)
 */
function requestIdGenerator(): () => string {
  const prefix = randomBytes(4).toString('hex');
  let counter = 0;
  return () => `${prefix}-${(++counter).toString(36)}`;
}

/** Content-Security-Policy for the web app: no third-party origins at all. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design injects its CSS-in-JS as <style> elements.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The installable app: its service worker (/sw.js, the offline daily report) and its manifest.
  "worker-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.logger,
    logController: new LogController({ disableRequestLogging: !config.logRequests }),
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: requestIdGenerator(),
  }).withTypeProvider<ZodTypeProvider>();

  const routes: AppRoute[] = [];
  routeTables.set(app, routes);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routes.push({ method, url: route.url, schema: route.schema });
    }
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  // Before every route's own validation: no U+0000 anywhere in a request (PostgreSQL cannot store it).
  app.addHook('preValidation', guardInput);

  // Stopping (SIGTERM): Node's server.close() ends the keep-alive sockets idle at that moment, but a
  // request still being answered keeps its socket open after the response until the keep-alive
  // timeout (Fastify's 72 s), and the server waits for it — a PostgreSQL server took 70 s to stop
  // (issue #20). Its response says `Connection: close` instead, and the socket ends with it.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (closing) reply.header('connection', 'close');
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    // Swagger UI runs its own inline scripts and sets its own policy (staticCSP).
    if (!(config.apiDocs && request.url.startsWith('/api/docs'))) reply.header('content-security-policy', CSP);
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(cookie);
  // Reads from the replica where safe, read-your-writes; nothing without DATABASE_READ_URL. Before
  // the auth plugin, whose session look-up then runs on the primary.
  registerReadReplica(app, deps.database, deps.clock, {
    readYourWritesMs: config.readYourWritesMs ?? 10_000,
    cookieSecure: config.cookieSecure,
  });
  // Once, for the whole app: one file per request, a few fields, the shared attachment limit.
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5 } });
  await app.register(rateLimit, {
    global: false,
    // Counters in the database: every instance behind the load balancer counts the same hits.
    store: databaseRateLimitStore(serviceDepsOf(deps)),
    errorResponseBuilder: (_request, context) =>
      new DomainError('RATE_LIMITED', {
        message: 'Too many requests',
        details: { retryAfterSeconds: Math.ceil(context.ttl / 1000) },
      }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Xinfang 信访工作平台 API', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'xf_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // The spec is always collected (tests read it through app.swagger()); publishing it is a choice:
  // a real deployment does not hand strangers a map of its API unless XINFANG_API_DOCS=true.
  if (config.apiDocs) await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  const serviceDeps = serviceDepsOf(deps);
  const authDeps = { ...serviceDeps, sessionTtlHours: config.sessionTtlHours, cipher: deps.cipher };
  const petitionDeps: PetitionDeps = {
    ...serviceDeps,
    // Under the data directory, never under webDir: uploads are not served as static files; or in the
    // database, shared by every instance (PostgreSQL's default).
    files: fileStoreFor(deps.database, deps.clock, path.join(config.dataDir, 'attachments'), config.fileStore ?? null),
    // SQLite writes through one connection: registrations arriving together share a transaction and
    // its commit (server/db/group-commit.ts). PostgreSQL commits concurrent transactions itself.
    ...(deps.database.dialect === 'sqlite' ? { registrations: groupCommitter(deps.database.db) } : {}),
  };
  await app.register(authPlugin, { resolve: (token) => resolveSession(authDeps, token) });

  await app.register(
    async (api) => {
      await api.register(healthRoutes, {
        deps: serviceDeps,
        version: config.version,
        dialect: deps.database.dialect,
        demo: config.demo,
        instanceId: config.instanceId ?? 'local',
        status: () => databaseStatus(deps.database),
      });
      await api.register(authRoutes, {
        deps: authDeps,
        cookieSecure: config.cookieSecure,
        loginRateLimitPerMinute: config.loginRateLimitPerMinute ?? 20,
      });
      await api.register(unitRoutes, { deps: serviceDeps });
      await api.register(userRoutes, { deps: serviceDeps });
      await api.register(auditRoutes, { deps: serviceDeps });
      await api.register(notificationRoutes, { deps: serviceDeps });
      await api.register(calendarRoutes, { deps: serviceDeps });
      await api.register(settingRoutes, { deps: serviceDeps });
      await api.register(categoryRoutes, { deps: serviceDeps });
      await api.register(petitionRoutes, { deps: petitionDeps });
      await api.register(todoRoutes, { deps: petitionDeps });
      await api.register(petitionerRoutes, { deps: petitionDeps });
      await api.register(intakeRoutes, { deps: petitionDeps, publicUrl: config.publicUrl });
      await api.register(namedPersonRoutes, { deps: serviceDeps });
      await api.register(visitRecordRoutes, { deps: petitionDeps });
      await api.register(callRecordRoutes, { deps: petitionDeps });
      await api.register(reportRoutes, { deps: petitionDeps });
      await api.register(appraisalRoutes, { deps: petitionDeps });
      await api.register(accountabilityRoutes, { deps: petitionDeps });
      await api.register(preventionRoutes, { deps: petitionDeps });
      await api.register(dutyRoutes, { deps: petitionDeps });
      await api.register(partnerRoutes, { deps: petitionDeps });
      await api.register(mediationRoutes, { deps: petitionDeps });
      await api.register(trainingRoutes, { deps: serviceDeps });
      await api.register(attachmentRoutes, { deps: petitionDeps });
      await api.register(ledgerRoutes, {
        deps: {
          ...petitionDeps,
          importDir: path.join(config.dataDir, 'ledger-imports'),
          imports: createImportRegistry(),
          sharedImports: petitionDeps.files.kind === 'database' ? petitionDeps.files : null,
          ...(deps.importWorker === undefined
            ? {}
            : {
                importRunner: workerImportRunner(deps.importWorker),
                sheetChecker: workerSheetChecker(deps.importWorker),
              }),
        },
      });
      await api.register(documentRoutes, { deps: petitionDeps });
      await api.register(documentTemplateRoutes, { deps: serviceDeps });
      await api.register(messageRoutes, { deps: petitionDeps });
      await api.register(warningRoutes, { deps: petitionDeps });
      await api.register(emergencyRoutes, { deps: petitionDeps });
      await api.register(knowledgeRoutes, { deps: serviceDeps });
      await api.register(dashboardRoutes, { deps: serviceDeps });
      await api.register(textRoutes, { deps: { ...petitionDeps, models: createTextModelCache() } });
      await api.register(workbenchRoutes, { deps: petitionDeps });
      const portalDeps = { ...petitionDeps, powBits: config.portalPowBits ?? DEFAULT_POW_BITS };
      const portalLimits = config.portalRateLimits ?? { file: 5, track: 30, other: 60 };
      await api.register(portalRoutes, { deps: portalDeps, limits: portalLimits, publicUrl: config.publicUrl });
      await api.register(consultationRoutes, { deps: petitionDeps });
      await api.register(consultationPortalRoutes, { deps: portalDeps, limits: portalLimits });
      await api.register(publicityRoutes, { deps: serviceDeps, portalLimit: portalLimits.other });
      if (config.apiDocs) api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  await registerWebApp(app, config.webDir);
  return app;
}

/** A year: the longest max-age caches honour (RFC 9111 advises no more). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Cache policy of a built file: Vite names every file under assets/ after a hash of its content, so
 * a browser keeps it a year without asking again (no 304 round trip per chunk on every visit); the
 * HTML pages, which name the current hashes, are revalidated on every load.
 */
export function webCacheControl(webDir: string, filePath: string): string {
  const relative = path.relative(webDir, filePath).split(path.sep);
  return relative[0] === 'assets' && relative.length > 1 ? IMMUTABLE : 'no-cache';
}

/** Serve the built browser app; unknown non-API GETs get index.html so client routes work. */
async function registerWebApp(app: FastifyInstance, webDir: string): Promise<void> {
  const indexFile = path.join(webDir, 'index.html');
  const hasWeb = fs.existsSync(indexFile);
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuild is served without a restart.
    // preCompressed: the build writes .br and .gz beside each asset (web/vite.config.ts); the file
    // the request accepts is sent as is, nothing is compressed per request.
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, filePath) => {
        reply.header('cache-control', webCacheControl(webDir, filePath));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    // A missing asset must be a 404, not index.html: the browser would refuse it as a script.
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.url !== '/api' &&
      !request.url.startsWith('/assets/');
    // The petitioner portal is a page of its own (web/portal.html): /portal and every path below it.
    const isPortal =
      request.url === '/portal' || request.url.startsWith('/portal/') || request.url.startsWith('/portal?');
    if (isPage && hasWeb && isPortal && fs.existsSync(path.join(webDir, 'portal.html')))
      return reply.type('text/html; charset=utf-8').sendFile('portal.html');
    if (isPage && hasWeb) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply
      .code(404)
      .send(errorBody('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0] ?? ''}`));
  });
}
