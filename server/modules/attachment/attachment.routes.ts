/**
 * Petition attachments over HTTP: upload one file as multipart/form-data, list them, download one.
 * Downloads are always `application/octet-stream` with `Content-Disposition: attachment` and
 * `nosniff`, so a browser never renders an uploaded file inline (stored XSS through an attachment).
 * @fastify/multipart is registered once in app.ts with the 10 MiB limit; its FST_REQ_FILE_TOO_LARGE
 * becomes PAYLOAD_TOO_LARGE in platform/error-handler.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, ErrorBodySchema } from '../../../common/errors.ts';
import { AttachmentListViewSchema, AttachmentViewSchema } from '../../../common/schemas/petition.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import * as service from './attachment.service.ts';
import type { PetitionDeps } from '../petition/index.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });

/**
 * `attachment; filename="<ASCII fallback>"; filename*=UTF-8''<percent-encoded>` (RFC 6266 / RFC 5987):
 * current browsers use the UTF-8 name, so 信访材料.pdf survives; old clients get underscores.
 */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

export const attachmentRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.post(
    '/petitions/:id/attachments',
    {
      schema: {
        tags: ['petition'],
        summary:
          'Attach one file (multipart/form-data; JPEG, PNG, PDF, DOCX, XLSX or UTF-8 text; ≤ 10 MiB); a field identityDocument=true before the file marks an identity document',
        params: IdParams,
        response: { 200: AttachmentViewSchema, ...errors, 413: ErrorBodySchema, 415: ErrorBodySchema },
      },
    },
    async (request) => {
      const { actor } = requireSession(request);
      const file = await request.file();
      if (file === undefined) {
        throw new DomainError('VALIDATION_FAILED', {
          message: 'No file in the request',
          details: { in: 'body', issues: [{ path: ['file'], message: 'a file is required' }] },
        });
      }
      // toBuffer() throws FST_REQ_FILE_TOO_LARGE past the multipart fileSize limit.
      const data = await file.toBuffer();
      const marker = file.fields['identityDocument'];
      const identityDocument =
        marker !== undefined && !Array.isArray(marker) && marker.type === 'field' && marker.value === 'true';
      return service.addAttachment(
        deps,
        actor,
        request.params.id,
        { fileName: file.filename, contentType: file.mimetype, data },
        { identityDocument },
      );
    },
  );

  app.get(
    '/petitions/:id/attachments',
    {
      schema: {
        tags: ['petition'],
        summary: 'The attachments of a petition',
        params: IdParams,
        response: { 200: AttachmentListViewSchema, ...errors },
      },
    },
    async (request) => service.listAttachments(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/petitions/:id/attachments/:attachmentId',
    {
      schema: {
        tags: ['petition'],
        summary: 'Download one attachment (always as a download, never inline)',
        params: z.object({ id: IdSchema, attachmentId: IdSchema }),
        response: { 200: z.instanceof(Buffer).describe('The bytes (application/octet-stream)'), ...errors },
      },
    },
    async (request, reply) => {
      const { attachment, data } = await service.openAttachment(
        deps,
        requireSession(request).actor,
        request.params.id,
        request.params.attachmentId,
      );
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', contentDisposition(attachment.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(data);
    },
  );
};
