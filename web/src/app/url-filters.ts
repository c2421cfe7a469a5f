/**
 * Filters kept in the page's address (`/hazards?unitId=…&from=…`): a list can be shared as a link, the
 * back button returns to the previous filters, and a figure's drill-down (common/schemas/figure.ts)
 * opens the list already filtered. The petition list (features/petitions/list-search.ts) and every
 * record list a figure drills into read their address through these two functions.
 */
import type { z } from 'zod';

/** The values an address holds for `keys`: unknown keys ignored, each key read on its own, so one bad value drops only itself. */
export function parseSearch<K extends string>(
  keys: Readonly<Record<K, z.ZodType>>,
  params: URLSearchParams,
): Partial<Record<K, unknown>> {
  const found: Partial<Record<K, unknown>> = {};
  for (const key of Object.keys(keys) as K[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = keys[key].safeParse(raw);
    if (parsed.success) found[key] = parsed.data;
  }
  return found;
}

/** The address of some values: empty ones left out, keys in the order given. */
export function searchOf(
  order: readonly string[],
  values: Readonly<Record<string, string | number | boolean | null | undefined>>,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of order) {
    const value = values[key];
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  return params;
}
