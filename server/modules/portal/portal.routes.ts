/**
 * The public portal API under /api/portal: no session, no cookie; every route is rate-limited per
 * address, and wrong tracking codes are also counted per case number and address (portal.service
 * openCase). Case number and tracking code travel in POST bodies, never in URLs. Plus, for the
 * workbench: the guidance editor and a unit's QR code.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { renderSVG } from 'uqr';
import { z } from 'zod';
import { PortalDutyViewSchema } from '../../../common/schemas/duty.ts';
import { DomainError, ErrorBodySchema } from '../../../common/errors.ts';
import {
  PORTAL_FILE_MAX_BYTES,
  PORTAL_MAX_FILES,
  PortalCaseKeySchema,
  PortalCaseViewSchema,
  PortalChallengeViewSchema,
  PortalConfigViewSchema,
  PortalEvaluateInputSchema,
  PortalFilingInputSchema,
  PortalGuidanceSchema,
  PortalMessageInputSchema,
  PortalReceiptViewSchema,
  PortalReviewInputSchema,
  PortalSimilarInputSchema,
  PortalSimilarViewSchema,
  PortalUnitListViewSchema,
  PortalUnitViewSchema,
} from '../../../common/schemas/portal.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { refuseNul } from '../../platform/input-guard.ts';
import { renderDocumentDocx } from '../document/index.ts';
import type { UploadedFile } from '../attachment/index.ts';
import {
  evaluateFromPortal,
  fileFromPortal,
  messageFromPetitioner,
  portalCaseView,
  requestReconsiderationFromPortal,
  requestReviewFromPortal,
  similarOpenCases,
} from './portal-case.service.ts';
import {
  issueChallenge,
  loadGuidance,
  openCase,
  portalConfig,
  portalDutyInfo,
  unitFilingUrl,
  saveGuidance,
  spendChallenge,
  publicUnits,
  unitByCode,
  type PortalDeps,
} from './portal.service.ts';

const errors = {
  400: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
  413: ErrorBodySchema,
  415: ErrorBodySchema,
  429: ErrorBodySchema,
};
const perMinute = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export type PortalRouteOptions = {
  deps: PortalDeps;
  limits: { file: number; track: number; other: number };
  /** XINFANG_PUBLIC_URL: links and QR codes start with it, never with the request's Host header. */
  publicUrl: string;
};

export const portalRoutes: FastifyPluginAsyncZod<PortalRouteOptions> = async (app, { deps, limits, publicUrl }) => {
  app.get(
    '/portal/config',
    {
      config: perMinute(limits.other),
      schema: {
        tags: ['portal'],
        summary: 'Guidance, categories in plain words and upload limits',
        response: { 200: PortalConfigViewSchema, ...errors },
      },
    },
    async () => portalConfig(deps),
  );

  app.get(
    '/portal/duty',
    {
      config: perMinute(limits.other),
      schema: {
        tags: ['portal'],
        summary: "Today's duty phone of the office and the leaders' reception days ahead (领导接待日)",
        response: { 200: PortalDutyViewSchema, ...errors },
      },
    },
    async () => portalDutyInfo(deps),
  );

  app.get(
    '/portal/units',
    {
      config: perMinute(limits.other),
      schema: {
        tags: ['portal'],
        summary: 'The public list of units (code, name, the names above it)',
        response: { 200: PortalUnitListViewSchema, ...errors },
      },
    },
    async () => publicUnits(deps),
  );

  app.get(
    '/portal/units/:code',
    {
      config: perMinute(limits.other),
      schema: {
        tags: ['portal'],
        summary: 'The unit of a QR code',
        params: z.object({ code: z.string().min(1).max(40) }),
        response: { 200: PortalUnitViewSchema, ...errors },
      },
    },
    async (request) => unitByCode(deps, request.params.code),
  );

  app.post(
    '/portal/challenge',
    {
      config: perMinute(limits.other),
      schema: {
        tags: ['portal'],
        summary: 'A proof-of-work challenge for filing',
        response: { 200: PortalChallengeViewSchema, ...errors },
      },
    },
    async () => issueChallenge(deps),
  );

  app.post(
    '/portal/similar',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'The open case of this number and tracking code, and how close the typed text is to it',
        body: PortalSimilarInputSchema,
        response: { 200: PortalSimilarViewSchema, ...errors },
      },
    },
    // Through the wrong-code guard like tracking: the offer is no way around it.
    async (request) => similarOpenCases(deps, await openCase(deps, request.body, request.ip), request.body.text),
  );

  app.post(
    '/portal/petitions',
    {
      config: perMinute(limits.file),
      schema: {
        tags: ['portal'],
        summary: `File a petition: multipart/form-data with the field "petition" (JSON) and up to ${PORTAL_MAX_FILES} photos or PDFs in "files"`,
        response: { 200: PortalReceiptViewSchema, ...errors },
      },
    },
    async (request) => {
      let raw: unknown;
      const files: UploadedFile[] = [];
      // One more file than allowed is read, so the service can refuse the count with a clear message.
      for await (const part of request.parts({
        limits: { files: PORTAL_MAX_FILES + 1, fileSize: PORTAL_FILE_MAX_BYTES + 1, fields: 2 },
      })) {
        if (part.type === 'file') {
          files.push({ fileName: part.filename, contentType: part.mimetype, data: await part.toBuffer() });
        } else if (part.fieldname === 'petition' && typeof part.value === 'string') {
          try {
            raw = JSON.parse(part.value);
          } catch {
            raw = undefined;
          }
        }
      }
      refuseNul('body', raw);
      const parsed = PortalFilingInputSchema.safeParse(raw);
      if (!parsed.success) {
        throw new DomainError('VALIDATION_FAILED', {
          message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          details: {
            in: 'body',
            issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
          },
        });
      }
      const input = parsed.data;
      return fileFromPortal(deps, input, files, (trx) => spendChallenge(deps, trx, input.challenge, input.nonce));
    },
  );

  app.post(
    '/portal/track',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'A case by number and tracking code: status, timeline, deadlines, replies, messages',
        body: PortalCaseKeySchema,
        response: { 200: PortalCaseViewSchema, ...errors },
      },
    },
    async (request) => portalCaseView(deps, await openCase(deps, request.body, request.ip)),
  );

  app.post(
    '/portal/messages',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'Send the office a message',
        body: PortalMessageInputSchema,
        response: { 200: PortalCaseViewSchema, ...errors },
      },
    },
    async (request) => {
      const petition = await openCase(deps, request.body, request.ip);
      await messageFromPetitioner(deps, petition, request.body.body);
      return portalCaseView(deps, petition);
    },
  );

  app.post(
    '/portal/evaluate',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'Evaluate the latest reply (once per reply)',
        body: PortalEvaluateInputSchema,
        response: { 200: PortalCaseViewSchema, ...errors },
      },
    },
    async (request) => {
      const petition = await openCase(deps, request.body, request.ip);
      await evaluateFromPortal(deps, petition, {
        satisfaction: request.body.satisfaction,
        comment: request.body.comment,
      });
      return portalCaseView(deps, await openCase(deps, request.body, request.ip));
    },
  );

  app.post(
    '/portal/review',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'Request a review (复查) of the reply',
        body: PortalReviewInputSchema,
        response: { 200: PortalCaseViewSchema, ...errors },
      },
    },
    async (request) => {
      const petition = await openCase(deps, request.body, request.ip);
      await requestReviewFromPortal(deps, petition, request.body.reason);
      return portalCaseView(deps, await openCase(deps, request.body, request.ip));
    },
  );

  app.post(
    '/portal/reconsideration',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'Request a reconsideration (复核) of the review opinion',
        body: PortalReviewInputSchema,
        response: { 200: PortalCaseViewSchema, ...errors },
      },
    },
    async (request) => {
      const petition = await openCase(deps, request.body, request.ip);
      await requestReconsiderationFromPortal(deps, petition, request.body.reason);
      return portalCaseView(deps, await openCase(deps, request.body, request.ip));
    },
  );

  app.post(
    '/portal/documents/:id/docx',
    {
      config: perMinute(limits.track),
      schema: {
        tags: ['portal'],
        summary: 'A written reply addressed to the petitioner, as .docx',
        params: z.object({ id: IdSchema }),
        body: PortalCaseKeySchema,
        response: { 200: z.instanceof(Buffer), ...errors },
      },
    },
    async (request, reply) => {
      const view = await portalCaseView(deps, await openCase(deps, request.body, request.ip));
      const document = view.documents.find((d) => d.id === request.params.id);
      if (document === undefined) throw new DomainError('NOT_FOUND', { message: 'No such document on this case' });
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header(
          'content-disposition',
          `attachment; filename="${document.content.number.replace(/[^\x20-\x7e]/g, '_')}.docx"`,
        )
        .send(await renderDocumentDocx(document.content));
    },
  );

  // Workbench side.
  app.get(
    '/portal-guidance',
    {
      schema: {
        tags: ['portal'],
        summary: 'The portal guidance (for editing)',
        response: { 200: PortalGuidanceSchema, ...errors },
      },
    },
    async (request) => {
      requireSession(request);
      return loadGuidance(deps.db);
    },
  );

  app.put(
    '/portal-guidance',
    {
      schema: {
        tags: ['portal'],
        summary: 'Replace the portal guidance',
        body: PortalGuidanceSchema,
        response: { 200: PortalGuidanceSchema, ...errors },
      },
    },
    async (request) => saveGuidance(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/units/:id/qr.svg',
    {
      schema: {
        tags: ['portal'],
        summary: "A unit's QR code leading to the portal with the unit filled in",
        params: z.object({ id: IdSchema }),
        response: { 200: z.string(), ...errors },
      },
    },
    async (request, reply) => {
      requireSession(request);
      const svg = renderSVG(await unitFilingUrl(deps, publicUrl, request.params.id), { border: 2 });
      return reply.header('content-type', 'image/svg+xml').send(svg);
    },
  );
};
