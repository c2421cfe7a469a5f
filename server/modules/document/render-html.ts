/**
 * A generated document as a printable HTML page in the layout of official documents
 * (GB/T 9704-2012 where it fits): A4 with the 版心 margins (top 37 mm, bottom 35 mm, left 28 mm,
 * right 26 mm), the issuing unit as the 发文机关标志 in red above the 发文字号 and a red rule, the
 * title in 2号小标宋 (22 pt) centred, the 主送 line flush left, body paragraphs in 3号仿宋 (16 pt)
 * indented two characters at 28 pt line pitch, then the 署名 and 成文日期 on the right with room
 * for the seal. Every value is HTML-escaped: petition text is user input. The page carries no
 * script; its Content-Security-Policy (set by the route) allows only its own inline style.
 *
 * Page flow: the 版心 holds 22 lines of 28 pt (225 mm). The 版头 takes about five of them (the red
 * rule 4 mm under the 发文字号, half a line between title and 主送) and the seal gap one and a half,
 * so a reply of up to 14 body lines prints on one page. A longer one flows on: the 署名 and the
 * 成文日期 never part and never start a page without the last lines of the text (GB/T 9704-2012
 * 7.3.5: the seal and the text share a page; adjust spacing rather than print a lone date).
 */
import type { DocumentContent } from '../../../common/domain/documents.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

export const PRINT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
* { box-sizing: border-box; }
html { background: #f0f0f0; }
body { margin: 0; color: #000; font-family: "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", "WenQuanYi Micro Hei", serif; font-size: 16pt; line-height: 28pt; }
.sheet { width: 210mm; min-height: 297mm; margin: 12mm auto; padding: 37mm 26mm 35mm 28mm; background: #fff; box-shadow: 0 1mm 4mm rgba(0,0,0,.2); }
.hint { width: 210mm; margin: 6mm auto 0; font: 12px/1.5 system-ui, sans-serif; color: #555; }
.issuer { text-align: center; color: #c00; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", "WenQuanYi Micro Hei", serif; font-size: 26pt; line-height: 36pt; letter-spacing: 2pt; }
.number { text-align: center; }
.rule { border: 0; border-top: 2px solid #c00; margin: 4mm 0 17pt; }
h1 { margin: 0 0 14pt; text-align: center; font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "STZhongsong", "SimSun", "WenQuanYi Micro Hei", serif; font-size: 22pt; line-height: 32pt; font-weight: normal; }
.addressee { margin: 0; }
p.body { margin: 0; text-indent: 2em; text-align: justify; orphans: 2; widows: 2; }
.signature { margin-top: 42pt; text-align: right; padding-right: 4em; position: relative; break-inside: avoid; break-before: avoid; }
.signature .seal { position: absolute; right: 3em; top: -18pt; width: 42mm; height: 42mm; border: 1px dashed #c00; border-radius: 50%; color: #c00; font-size: 12pt; display: flex; align-items: center; justify-content: center; opacity: .6; }
@media print {
  html { background: none; }
  .sheet { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
  .hint { display: none; }
  .signature .seal { display: none; }
}
`;

export type HtmlLabels = { printHint: string; seal: string; lang: string };

export function renderDocumentHtml(content: DocumentContent, labels: HtmlLabels): string {
  const paragraphs = content.paragraphs.map((p) => `<p class="body">${escapeHtml(p)}</p>`).join('\n');
  const addressee = content.addressee === '' ? '' : `<p class="addressee">${escapeHtml(content.addressee)}：</p>`;
  return `<!doctype html>
<html lang="${escapeHtml(labels.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(content.title)} ${escapeHtml(content.number)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<p class="hint">${escapeHtml(labels.printHint)}</p>
<main class="sheet">
<div class="issuer">${escapeHtml(content.issuingUnit)}</div>
<div class="number">${escapeHtml(content.number)}</div>
<hr class="rule">
<h1>${escapeHtml(content.title)}</h1>
${addressee}
${paragraphs}
<div class="signature">
<div class="seal">${escapeHtml(labels.seal)}</div>
<div>${escapeHtml(content.issuingUnit)}</div>
<div>${escapeHtml(content.issueDate)}</div>
</div>
</main>
</body>
</html>
`;
}
