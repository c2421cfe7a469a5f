import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { AuditListQuerySchema, AuditListViewSchema, AuditVerifyViewSchema } from '../../../common/schemas/audit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { listAudit, verifyAudit } from './audit.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema };

export const auditRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Audit entries, newest first, filtered and paged, with case numbers',
        querystring: AuditListQuerySchema,
        response: { 200: AuditListViewSchema, ...errors },
      },
    },
    async (request) => listAudit(deps, requireSession(request).actor, request.query),
  );

  app.get(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: 'Verify the audit hash chain',
        response: { 200: AuditVerifyViewSchema, ...errors },
      },
    },
    async (request) => verifyAudit(deps, requireSession(request).actor),
  );
};
