/** The workbench's side of the petitioner portal: messages on a case, a unit's QR code, the guidance. */
import {
  PetitionMessageListViewSchema,
  PortalGuidanceSchema,
  type PetitionMessageListView,
  type PortalGuidance,
} from '../../../common/schemas/portal.ts';
import { api } from './client.ts';

export function listMessages(petitionId: string): Promise<PetitionMessageListView> {
  return api.get(`/api/petitions/${encodeURIComponent(petitionId)}/messages`, PetitionMessageListViewSchema);
}

export function replyToPetitioner(petitionId: string, body: string): Promise<PetitionMessageListView> {
  return api.post(`/api/petitions/${encodeURIComponent(petitionId)}/messages`, PetitionMessageListViewSchema, { body });
}

/** The SVG QR code leading to the portal's filing page with the unit filled in. */
export function unitQrUrl(unitId: string): string {
  return `/api/units/${encodeURIComponent(unitId)}/qr.svg`;
}

export function getGuidance(): Promise<PortalGuidance> {
  return api.get('/api/portal-guidance', PortalGuidanceSchema);
}

export function saveGuidance(guidance: PortalGuidance): Promise<PortalGuidance> {
  return api.put('/api/portal-guidance', PortalGuidanceSchema, guidance);
}
