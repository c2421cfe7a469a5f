/**
 * A written document's two outputs over HTTP — a printable page (GB/T 9704 layout, zh-CN) and a .docx
 * download — registered the same way for a case's documents, an accountability decision and a
 * mediation agreement: the module says where and how it reads the document, this says the rest.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../../common/domain/access.ts';
import type { DocumentContent } from '../../../common/domain/documents.ts';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { zhCN } from '../../../common/i18n/zh-CN.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import { contentDisposition } from '../attachment/index.ts';
import { renderDocumentDocx } from './render-docx.ts';
import { renderDocumentHtml } from './render-html.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type DocumentOutput = {
  /** GET `${path}/print` and `${path}/docx`; `path` holds `:id`. */
  path: string;
  tags: string[];
  /** What the document is, for the API's summaries ("The decision document"). */
  what: string;
  /** The document the actor may read, and its download's name without the extension. @throws as the service does */
  read: (actor: Actor, id: string) => Promise<{ content: DocumentContent; fileName: string }>;
};

export function documentOutputRoutes(output: DocumentOutput): FastifyPluginAsyncZod {
  const params = z.object({ id: IdSchema });
  return async (app) => {
    app.get(
      `${output.path}/print`,
      {
        schema: {
          tags: output.tags,
          summary: `${output.what} as a printable page (GB/T 9704 layout)`,
          params,
          response: { 200: z.string(), ...errors },
        },
      },
      async (request, reply) => {
        const { content } = await output.read(requireSession(request).actor, request.params.id);
        const html = renderDocumentHtml(content, {
          printHint: zhCN.documents.printHint,
          seal: zhCN.documents.seal,
          lang: 'zh-CN',
        });
        return reply.header('content-type', 'text/html; charset=utf-8').send(html);
      },
    );

    app.get(
      `${output.path}/docx`,
      {
        schema: {
          tags: output.tags,
          summary: `${output.what} as .docx (a download)`,
          params,
          response: { 200: z.instanceof(Buffer), ...errors },
        },
      },
      async (request, reply) => {
        const { content, fileName } = await output.read(requireSession(request).actor, request.params.id);
        const data = await renderDocumentDocx(content);
        const name = `${fileName}.docx`.replace(/[\\/:*?"<>|]/g, '_');
        return reply.header('content-type', DOCX).header('content-disposition', contentDisposition(name)).send(data);
      },
    );
  };
}
