/** 值班带班, 值班日志 and 领导接待日 over HTTP: the week's roster, swaps, who is on duty, the log, reception days. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CaseReceptionViewSchema,
  DutyEntryInputSchema,
  DutyLogQuerySchema,
  DutyLogViewSchema,
  EntryToPetitionInputSchema,
  EntryToPetitionViewSchema,
  HandoverInputSchema,
  OnDutyViewSchema,
  ReceptionDayInputSchema,
  ReceptionDayListQuerySchema,
  ReceptionDayListViewSchema,
  RosterQuerySchema,
  RosterWeekInputSchema,
  RosterWeekViewSchema,
  SwapDecisionInputSchema,
  SwapRequestInputSchema,
  SwapViewSchema,
} from '../../../common/schemas/duty.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { PetitionDeps } from '../petition/index.ts';
import { addDutyEntry, entryToPetition, getDutyLog, handOver } from './duty-log.service.ts';
import {
  cancelReceptionDay,
  listReceptionDays,
  publishReceptionDay,
  receptionOfPetition,
} from './reception.service.ts';
import { decideSwapRequest, getRosterWeek, requestSwap, saveRosterWeek, whoIsOnDuty } from './roster.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const IdParams = z.object({ id: IdSchema });
const tags = ['duty'];

export const dutyRoutes: FastifyPluginAsyncZod<{ deps: PetitionDeps }> = async (app, { deps }) => {
  app.get(
    '/duty/roster',
    {
      schema: {
        tags,
        summary: "A unit's duty roster for a week (default: my unit, this week)",
        querystring: RosterQuerySchema,
        response: { 200: RosterWeekViewSchema, ...errors },
      },
    },
    async (request) => getRosterWeek(deps, requireSession(request).actor, request.query),
  );

  app.put(
    '/duty/roster',
    {
      schema: {
        tags,
        summary: "Save a unit's roster for a week: no overlaps, sensitive periods covered around the clock",
        body: RosterWeekInputSchema,
        response: { 200: RosterWeekViewSchema, ...errors },
      },
    },
    async (request) => saveRosterWeek(deps, requireSession(request).actor, request.body),
  );

  app.get(
    '/duty/now',
    {
      schema: {
        tags,
        summary: 'Who is on duty now at my unit and the units above it',
        response: { 200: OnDutyViewSchema, ...errors },
      },
    },
    async (request) => whoIsOnDuty(deps, requireSession(request).actor),
  );

  app.post(
    '/duty/shifts/:id/swaps',
    {
      schema: {
        tags,
        summary: 'The person on duty asks to swap his place on the shift with a colleague (换班)',
        params: IdParams,
        body: SwapRequestInputSchema,
        response: { 200: SwapViewSchema, ...errors },
      },
    },
    async (request) => requestSwap(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/duty/swaps/:id/approve',
    {
      schema: {
        tags,
        summary: 'The office approves a swap: the colleague takes the place; both are told',
        params: IdParams,
        body: SwapDecisionInputSchema,
        response: { 200: SwapViewSchema, ...errors },
      },
    },
    async (request) =>
      decideSwapRequest(deps, requireSession(request).actor, request.params.id, 'approved', request.body.note),
  );

  app.post(
    '/duty/swaps/:id/refuse',
    {
      schema: {
        tags,
        summary: 'The office refuses a swap; the requester is told',
        params: IdParams,
        body: SwapDecisionInputSchema,
        response: { 200: SwapViewSchema, ...errors },
      },
    },
    async (request) =>
      decideSwapRequest(deps, requireSession(request).actor, request.params.id, 'refused', request.body.note),
  );

  app.get(
    '/duty/log',
    {
      schema: {
        tags,
        summary: "A shift's duty log (default: the shift on duty now at my unit) with the previous handover",
        querystring: DutyLogQuerySchema,
        response: { 200: DutyLogViewSchema, ...errors },
      },
    },
    async (request) => getDutyLog(deps, requireSession(request).actor, request.query.shiftId),
  );

  app.post(
    '/duty/shifts/:id/entries',
    {
      schema: {
        tags,
        summary: 'Log a call, visit, event or instruction on a shift',
        params: IdParams,
        body: DutyEntryInputSchema,
        response: { 200: DutyLogViewSchema, ...errors },
      },
    },
    async (request) => addDutyEntry(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/duty/shifts/:id/handover',
    {
      schema: {
        tags,
        summary: 'Hand over the shift (交接班): the note closes it and is shown to the next shift',
        params: IdParams,
        body: HandoverInputSchema,
        response: { 200: DutyLogViewSchema, ...errors },
      },
    },
    async (request) => handOver(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/duty/entries/:id/petition',
    {
      schema: {
        tags,
        summary: 'A call or visit entry becomes a petition in one step, linked both ways',
        params: IdParams,
        body: EntryToPetitionInputSchema,
        response: { 200: EntryToPetitionViewSchema, ...errors },
      },
    },
    async (request) => entryToPetition(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.get(
    '/duty/reception-days',
    {
      schema: {
        tags,
        summary: 'The reception days (领导接待日) of my scope, with the visits each received',
        querystring: ReceptionDayListQuerySchema,
        response: { 200: ReceptionDayListViewSchema, ...errors },
      },
    },
    async (request) => listReceptionDays(deps, requireSession(request).actor, request.query),
  );

  app.post(
    '/duty/reception-days',
    {
      schema: {
        tags,
        summary: 'Publish a reception day: leader, unit, date, time, place, topic',
        body: ReceptionDayInputSchema,
        response: { 200: ReceptionDayListViewSchema, ...errors },
      },
    },
    async (request) => publishReceptionDay(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/duty/reception-days/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel a published reception day',
        params: IdParams,
        response: { 200: ReceptionDayListViewSchema, ...errors },
      },
    },
    async (request) => cancelReceptionDay(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/petitions/:id/reception',
    {
      schema: {
        tags,
        summary: 'The leader who received the case on his reception day (a visit at the unit that day)',
        params: IdParams,
        response: { 200: CaseReceptionViewSchema, ...errors },
      },
    },
    async (request) => receptionOfPetition(deps, requireSession(request).actor, request.params.id),
  );
};
