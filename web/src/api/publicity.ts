/** 宣传教育 endpoints (issue #17): the office's activities. */
import {
  PublicityListViewSchema,
  PublicityViewSchema,
  type PublicityInput,
  type PublicityListView,
  type PublicityView,
} from '../../../common/schemas/publicity.ts';
import { api } from './client.ts';

export function listPublicity(): Promise<PublicityListView> {
  return api.get('/api/publicity', PublicityListViewSchema);
}

export function recordPublicity(input: PublicityInput): Promise<PublicityView> {
  return api.post('/api/publicity', PublicityViewSchema, input);
}
