/** The document module's surface for other modules: templates, rendering. */
export { canManageTemplates, currentTemplate, type CurrentTemplate } from './template.service.ts';
export { renderDocumentHtml, escapeHtml, type HtmlLabels } from './render-html.ts';
export { renderDocumentDocx } from './render-docx.ts';
export { createRecordDocument, createStepDocument, issueReplyDocument, type CaseEvent } from './document-core.ts';
export { documentsForPetitioner, findDocument } from './document.repository.ts';
export { listDocuments } from './document.service.ts';
export { documentOutputRoutes } from './document-output.routes.ts';
