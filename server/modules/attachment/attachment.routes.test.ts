import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from '../../../common/schemas/auth.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../common/schemas/petition.ts';
import { storedFileKeys, type TestContext } from '../../test/test-context.ts';
import { appWorld, WAGES_VISIT as visit } from '../../test/factories.ts';
import { loginAs, type Client } from '../../test/test-app.ts';
import { contentDisposition } from './attachment.routes.ts';
import { sanitizeFileName, sniffContentType } from './attachment.service.ts';

let ctx: TestContext;
let app: FastifyInstance;
appWorld({ taxonomy: true }, (world) => ({ ctx, app } = world));

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000dIHDR-rest-of-image', 'latin1'),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(56)]);

type AttachmentView = { id: string; fileName: string; contentType: string; size: number; createdAt: string };

/** A multipart/form-data body with one file part, built by hand the way a browser sends it (raw UTF-8 name). */
function upload(client: Client, petitionId: string, fileName: string, declaredType: string, data: Buffer) {
  const boundary = '----xinfang-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${declaredType}\r\n\r\n`,
    'utf8',
  );
  const payload = Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return app.inject({
    method: 'POST',
    url: `/api/petitions/${petitionId}/attachments`,
    headers: {
      cookie: `${SESSION_COOKIE}=${client.cookie}`,
      [CSRF_HEADER]: client.csrfToken,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
}

async function registered(client: Client): Promise<string> {
  const response = await client.post('/api/petitions', visit);
  expect(response.statusCode).toBe(200);
  return response.json<{ petition: { id: string } }>().petition.id;
}

function storedFiles(): Promise<string[]> {
  return storedFileKeys(ctx);
}

async function attachmentRows() {
  return ctx.deps.db.selectFrom('attachment').selectAll().execute();
}

describe('petition attachments over HTTP', () => {
  it('uploads a PNG and a Chinese-named PDF and downloads the identical bytes as attachments', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);

    const png = await upload(officer, id, 'photo.png', 'image/png', PNG);
    expect(png.statusCode).toBe(200);
    expect(png.json<AttachmentView>()).toMatchObject({
      fileName: 'photo.png',
      contentType: 'image/png',
      size: PNG.length,
    });

    // Declared as octet-stream: the stored type comes from the bytes.
    const pdf = await upload(officer, id, '信访材料（第一页）.pdf', 'application/octet-stream', PDF);
    expect(pdf.statusCode).toBe(200);
    const pdfView = pdf.json<AttachmentView>();
    expect(pdfView).toMatchObject({
      fileName: '信访材料（第一页）.pdf',
      contentType: 'application/pdf',
      size: PDF.length,
    });

    const list = await officer.get(`/api/petitions/${id}/attachments`);
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: AttachmentView[] }>().items.map((a) => a.fileName)).toEqual([
      'photo.png',
      '信访材料（第一页）.pdf',
    ]);

    const pngId = png.json<AttachmentView>().id;
    const pngDownload = await officer.get(`/api/petitions/${id}/attachments/${pngId}`);
    expect(pngDownload.statusCode).toBe(200);
    expect(pngDownload.rawPayload.equals(PNG)).toBe(true);
    expect(pngDownload.headers['content-type']).toBe('application/octet-stream');
    expect(pngDownload.headers['x-content-type-options']).toBe('nosniff');
    expect(pngDownload.headers['content-disposition']).toBe(
      `attachment; filename="photo.png"; filename*=UTF-8''photo.png`,
    );

    const pdfDownload = await officer.get(`/api/petitions/${id}/attachments/${pdfView.id}`);
    expect(pdfDownload.rawPayload.equals(PDF)).toBe(true);
    const disposition = String(pdfDownload.headers['content-disposition']);
    expect(disposition.startsWith('attachment;')).toBe(true);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('信访材料（第一页）.pdf')}`);
    expect(disposition).toMatch(/filename="[\x20-\x7e]+"/);

    expect((await storedFiles()).sort()).toEqual([pngId, pdfView.id].sort());
    const rows = await attachmentRows();
    expect(rows.find((r) => r.id === pngId)?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('records the upload as an attach event on the petition and in the audit trail', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);
    const view = (await upload(officer, id, 'photo.png', 'image/png', PNG)).json<AttachmentView>();
    const detail = (await officer.get(`/api/petitions/${id}`)).json<{
      events: { kind: string; data: Record<string, unknown> }[];
    }>();
    expect(detail.events.find((e) => e.kind === 'attach')?.data).toEqual({
      attachmentId: view.id,
      fileName: 'photo.png',
      size: PNG.length,
      identityDocument: false,
    });
    const row = (await attachmentRows())[0];
    expect(row?.event_id).not.toBeNull();
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'petition.attach')
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('refuses an .exe named photo.jpg with 415, leaving nothing on disk or in the table', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);
    const response = await upload(officer, id, 'photo.jpg', 'image/jpeg', EXE);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: 'ATTACHMENT_TYPE_NOT_ALLOWED' } });
    expect(await storedFiles()).toEqual([]);
    expect(await attachmentRows()).toHaveLength(0);
  });

  it('refuses a file over 10 MiB with 413, leaving nothing on disk or in the table', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);
    const big = Buffer.concat([PNG, Buffer.alloc(ATTACHMENT_MAX_BYTES + 1 - PNG.length)]);
    const response = await upload(officer, id, 'big.png', 'image/png', big);
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await storedFiles()).toEqual([]);
    expect(await attachmentRows()).toHaveLength(0);
  });

  it('hides the attachments of a petition the user cannot see (404 for list and download)', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);
    const view = (await upload(officer, id, 'photo.png', 'image/png', PNG)).json<AttachmentView>();
    const other = await loginAs(app, 'handler.teama1');
    expect((await other.get(`/api/petitions/${id}/attachments`)).statusCode).toBe(404);
    expect((await other.get(`/api/petitions/${id}/attachments/${view.id}`)).statusCode).toBe(404);
    expect((await upload(other, id, 'photo.png', 'image/png', PNG)).statusCode).toBe(404);
  });

  it('lets an auditor read but not upload (403)', async () => {
    const officer = await loginAs(app, 'officer.root');
    const id = await registered(officer);
    const auditor = await loginAs(app, 'auditor.root');
    expect((await auditor.get(`/api/petitions/${id}/attachments`)).json()).toEqual({ items: [] });
    const response = await upload(auditor, id, 'photo.png', 'image/png', PNG);
    expect(response.statusCode).toBe(403);
    expect(await storedFiles()).toEqual([]);
  });

  it('documents the attachment endpoints in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      paths: Record<string, unknown>;
    }>();
    expect(Object.keys(doc.paths)).toContain('/api/petitions/{id}/attachments');
    expect(Object.keys(doc.paths)).toContain('/api/petitions/{id}/attachments/{attachmentId}');
  });
});

/** A minimal stored (uncompressed) ZIP holding empty entries with these names. */
function zipOf(names: string[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const name of names) {
    const nameBytes = Buffer.from(name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

describe('sniffContentType', () => {
  it.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), 'image/jpeg'],
    ['PNG', PNG, 'image/png'],
    ['PDF', PDF, 'application/pdf'],
    ['UTF-8 text', Buffer.from('工资条\r\n三月\t未发\n', 'utf8'), 'text/plain; charset=utf-8'],
    ['an .exe', EXE, null],
    ['invalid UTF-8', Buffer.from([0x41, 0xc3, 0x28]), null],
    [
      'a DOCX',
      zipOf(['[Content_Types].xml', 'word/document.xml']),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'an XLSX',
      zipOf(['[Content_Types].xml', 'xl/workbook.xml']),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    ['a ZIP that is not Office', zipOf(['payload.exe']), null],
    ['a broken ZIP', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), null],
  ] as const)('judges %s by its bytes', (_name, data, expected) => {
    expect(sniffContentType(data)).toBe(expected);
  });
});

describe('sanitizeFileName', () => {
  it.each([
    ['信访材料.pdf', '信访材料.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\张三\\照片.jpg', '照片.jpg'],
    ['a\u0000b\u001fc\u202Efdp.exe', 'abcfdp.exe'],
    ['..', 'attachment'],
    ['   ', 'attachment'],
  ])('turns %j into %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('keeps at most 200 characters', () => {
    expect(Array.from(sanitizeFileName(`${'材'.repeat(300)}.pdf`))).toHaveLength(200);
  });
});

describe('contentDisposition', () => {
  it('always says attachment, with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('报告 "a".pdf')).toBe(
      `attachment; filename="__ _a_.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A%20%22a%22.pdf`,
    );
  });
});
