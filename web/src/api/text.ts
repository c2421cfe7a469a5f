/** Text-engine endpoints: likely repeats, category suggestion and its model, hotspots (issue #6). */
import {
  ClassifierStatusViewSchema,
  HotspotListViewSchema,
  RepeatListViewSchema,
  SuggestionViewSchema,
  type ClassifierStatusView,
  type HotspotListView,
  type HotspotQuery,
  type RepeatListView,
  type RepeatQueryInput,
  type SuggestInput,
  type SuggestionView,
} from '../../../common/schemas/text.ts';
import { api } from './client.ts';

export function findRepeats(input: RepeatQueryInput): Promise<RepeatListView> {
  return api.post('/api/petitions/repeats', RepeatListViewSchema, input);
}

export function suggestCategory(input: SuggestInput): Promise<SuggestionView> {
  return api.post('/api/petitions/suggest', SuggestionViewSchema, input);
}

export function classifierStatus(): Promise<ClassifierStatusView> {
  return api.get('/api/text/classifier', ClassifierStatusViewSchema);
}

export function trainClassifier(): Promise<ClassifierStatusView> {
  return api.post('/api/text/classifier/train', ClassifierStatusViewSchema);
}

export function listHotspots(query: HotspotQuery): Promise<HotspotListView> {
  return api.get('/api/hotspots', HotspotListViewSchema, query);
}
