/** "Defaults from the last entry": channel, type and purpose of the last successful registration, kept in localStorage. */
import { z } from 'zod';
import { PETITION_TYPES } from '../../../../common/domain/deadlines.ts';
import {
  CHANNELS,
  PURPOSES,
  type Channel,
  type PetitionType,
  type Purpose,
} from '../../../../common/schemas/petition.ts';

const STORAGE_KEY = 'xinfang.register.lastEntry';

const DefaultsSchema = z.object({ channel: z.enum(CHANNELS), type: z.enum(PETITION_TYPES), purpose: z.enum(PURPOSES) });

export type RegisterDefaults = { channel: Channel; type: PetitionType; purpose: Purpose };

/** The remembered defaults, or `fallback` when none are stored (or storage is unavailable or stale). */
export function readRegisterDefaults(fallback: RegisterDefaults): RegisterDefaults {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (raw === null) return fallback;
    const parsed = DefaultsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : fallback;
  } catch {
    return fallback;
  }
}

export function saveRegisterDefaults(defaults: RegisterDefaults): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(defaults));
  } catch {
    // Storage full or disabled: the next form simply starts from the built-in defaults.
  }
}
