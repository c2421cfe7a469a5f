/** Organisation endpoints: the unit list of the caller's scope and the unit verbs. */
import {
  UnitListViewSchema,
  UnitNetworkViewSchema,
  UnitViewSchema,
  type UnitNetworkInput,
  type UnitNetworkView,
  type CreateUnitInput,
  type MoveUnitInput,
  type RenameUnitInput,
  type UnitView,
} from '../../../common/schemas/unit.ts';
import { api } from './client.ts';

export async function listUnits(includeInactive: boolean): Promise<UnitView[]> {
  const view = await api.get('/api/units', UnitListViewSchema, { includeInactive });
  return view.units;
}

export function createUnit(input: CreateUnitInput): Promise<UnitView> {
  return api.post('/api/units', UnitViewSchema, input);
}

export function renameUnit(id: string, input: RenameUnitInput): Promise<UnitView> {
  return api.post(`/api/units/${encodeURIComponent(id)}/rename`, UnitViewSchema, input);
}

export function moveUnit(id: string, input: MoveUnitInput): Promise<UnitView> {
  return api.post(`/api/units/${encodeURIComponent(id)}/move`, UnitViewSchema, input);
}

export function deactivateUnit(id: string): Promise<UnitView> {
  return api.post(`/api/units/${encodeURIComponent(id)}/deactivate`, UnitViewSchema);
}

export function activateUnit(id: string): Promise<UnitView> {
  return api.post(`/api/units/${encodeURIComponent(id)}/activate`, UnitViewSchema);
}

export function getUnitNetwork(id: string): Promise<UnitNetworkView> {
  return api.get(`/api/units/${encodeURIComponent(id)}/network`, UnitNetworkViewSchema);
}

export function setUnitNetwork(id: string, input: UnitNetworkInput): Promise<UnitNetworkView> {
  return api.post(`/api/units/${encodeURIComponent(id)}/network`, UnitNetworkViewSchema, input);
}
