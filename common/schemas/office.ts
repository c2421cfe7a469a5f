/**
 * Where and when a petition office receives people (《信访工作条例》第18条第1款: the channels and the
 * ways to ask are published): set per enterprise and per mine (setting `portal.office`), shown on the
 * portal and printed on the visitor's 回执.
 */
import { z } from 'zod';

export const OfficeContactSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    address: z.string().trim().min(1).max(200),
    phone: z.string().trim().min(1).max(40),
    hours: z.string().trim().min(1).max(200),
  })
  .strict();
export type OfficeContact = z.infer<typeof OfficeContactSchema>;
