/** Document endpoints: a petition's documents, generating one, its delivery, and the templates. */
import type { DocumentKind } from '../../../common/domain/documents.ts';
import {
  DocumentTemplateListViewSchema,
  DocumentTemplateViewSchema,
  PetitionDocumentListViewSchema,
  PetitionDocumentViewSchema,
  type DocumentTemplateInput,
  type DocumentTemplateView,
  type PetitionDocumentListView,
  type PetitionDocumentView,
  type RecordDeliveryInput,
} from '../../../common/schemas/document.ts';
import { api } from './client.ts';

export function listDocuments(petitionId: string): Promise<PetitionDocumentListView> {
  return api.get(`/api/petitions/${encodeURIComponent(petitionId)}/documents`, PetitionDocumentListViewSchema);
}

export function generateDocument(petitionId: string, kind: DocumentKind): Promise<PetitionDocumentView> {
  return api.post(`/api/petitions/${encodeURIComponent(petitionId)}/documents`, PetitionDocumentViewSchema, { kind });
}

export function recordDelivery(documentId: string, input: RecordDeliveryInput): Promise<PetitionDocumentView> {
  return api.post(`/api/documents/${encodeURIComponent(documentId)}/delivery`, PetitionDocumentViewSchema, input);
}

/** The printable page (opened in a new tab; the browser prints it). */
export function documentPrintUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/print`;
}

export function documentDocxUrl(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}/docx`;
}

export async function listTemplates(): Promise<DocumentTemplateView[]> {
  return (await api.get('/api/document-templates', DocumentTemplateListViewSchema)).items;
}

export async function templateVersions(kind: DocumentKind): Promise<DocumentTemplateView[]> {
  return (await api.get(`/api/document-templates/${kind}/versions`, DocumentTemplateListViewSchema)).items;
}

export function saveTemplate(kind: DocumentKind, input: DocumentTemplateInput): Promise<DocumentTemplateView> {
  return api.put(`/api/document-templates/${kind}`, DocumentTemplateViewSchema, input);
}
