/**
 * A generated document as .docx, for offices that edit before sealing. Same layout as the print
 * page (GB/T 9704 margins and sizes); fonts are named, not embedded — 方正小标宋简体 for the title and
 * 仿宋_GB2312 for the text, as offices have them installed (Word substitutes when they do not).
 */
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun, convertMillimetersToTwip } from 'docx';
import type { DocumentContent } from '../../../common/domain/documents.ts';

const TITLE_FONT = '方正小标宋简体';
const BODY_FONT = '仿宋_GB2312';
/** docx sizes are half-points: 2号 = 22 pt, 3号 = 16 pt, 初号-ish issuer 26 pt. */
const TITLE_SIZE = 44;
const BODY_SIZE = 32;
const ISSUER_SIZE = 52;
/** 28 pt fixed line pitch in twentieths of a point. */
const LINE = 560;

function run(text: string, font: string, size: number, color?: string): TextRun {
  return new TextRun({
    text,
    font: { eastAsia: font, ascii: font, hAnsi: font },
    size,
    ...(color === undefined ? {} : { color }),
  });
}

export async function renderDocumentDocx(content: DocumentContent): Promise<Buffer> {
  const body = (
    text: string,
    options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
  ) =>
    new Paragraph({
      children: [run(text, BODY_FONT, BODY_SIZE)],
      spacing: { line: LINE, lineRule: 'exact' },
      ...(options.indent === true ? { indent: { firstLine: BODY_SIZE * 20 } } : {}),
      ...(options.align === undefined ? {} : { alignment: options.align }),
    });
  const children: Paragraph[] = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [run(content.issuingUnit, TITLE_FONT, ISSUER_SIZE, 'CC0000')],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 160, after: 80 },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'CC0000', space: 4 } },
      children: [run(content.number, BODY_FONT, BODY_SIZE)],
    }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 560, after: 560 },
      children: [run(content.title, TITLE_FONT, TITLE_SIZE)],
    }),
  ];
  if (content.addressee !== '') children.push(body(`${content.addressee}：`));
  for (const paragraph of content.paragraphs)
    children.push(body(paragraph, { indent: true, align: AlignmentType.JUSTIFIED }));
  children.push(new Paragraph({ spacing: { before: 1120 }, children: [] }));
  children.push(body(content.issuingUnit, { align: AlignmentType.RIGHT }));
  children.push(body(content.issueDate, { align: AlignmentType.RIGHT }));

  const document = new Document({
    creator: 'Xinfang',
    title: `${content.title} ${content.number}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              top: convertMillimetersToTwip(37),
              bottom: convertMillimetersToTwip(35),
              left: convertMillimetersToTwip(28),
              right: convertMillimetersToTwip(26),
            },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
