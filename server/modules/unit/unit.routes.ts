/** The unit tree over HTTP: one schema, one service call, one reply per route. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  CreateUnitInputSchema,
  MoveUnitInputSchema,
  RenameUnitInputSchema,
  UnitIdParamsSchema,
  UnitListViewSchema,
  UnitNetworkInputSchema,
  UnitNetworkViewSchema,
  UnitViewSchema,
} from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import {
  activateUnit,
  createUnit,
  deactivateUnit,
  getUnit,
  getUnitNetwork,
  listUnits,
  moveUnit,
  renameUnit,
  setUnitNetwork,
} from './unit.service.ts';

const errors = {
  400: ErrorBodySchema,
  401: ErrorBodySchema,
  403: ErrorBodySchema,
  404: ErrorBodySchema,
  409: ErrorBodySchema,
};
const EmptyBodySchema = z.object({}).strict().optional();

export const unitRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/units',
    {
      schema: {
        tags: ['unit'],
        summary: 'Units in my scope, flat, in tree order',
        querystring: z.object({ includeInactive: z.enum(['true', 'false']).optional() }),
        response: { 200: UnitListViewSchema, ...errors },
      },
    },
    async (request) => {
      const units = await listUnits(deps, requireSession(request).actor, {
        includeInactive: request.query.includeInactive === 'true',
      });
      return { units };
    },
  );

  app.get(
    '/units/:id',
    {
      schema: {
        tags: ['unit'],
        summary: 'One unit',
        params: UnitIdParamsSchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => getUnit(deps, requireSession(request).actor, request.params.id),
  );

  app.get(
    '/units/:id/network',
    {
      schema: {
        tags: ['unit'],
        summary: "三级网络: the unit's heads, 包联领导 and 信息员",
        params: UnitIdParamsSchema,
        response: { 200: UnitNetworkViewSchema, ...errors },
      },
    },
    async (request) => getUnitNetwork(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/units/:id/network',
    {
      schema: {
        tags: ['unit'],
        summary: "Set the unit's 包联领导 and 信息员 (account or named contact)",
        params: UnitIdParamsSchema,
        body: UnitNetworkInputSchema,
        response: { 200: UnitNetworkViewSchema, ...errors },
      },
    },
    async (request) => setUnitNetwork(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/units',
    {
      schema: {
        tags: ['unit'],
        summary: 'Create a unit',
        body: CreateUnitInputSchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => createUnit(deps, requireSession(request).actor, request.body),
  );

  app.post(
    '/units/:id/rename',
    {
      schema: {
        tags: ['unit'],
        summary: 'Rename a unit',
        params: UnitIdParamsSchema,
        body: RenameUnitInputSchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => renameUnit(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/units/:id/move',
    {
      schema: {
        tags: ['unit'],
        summary: 'Move a unit and its subtree',
        params: UnitIdParamsSchema,
        body: MoveUnitInputSchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => moveUnit(deps, requireSession(request).actor, request.params.id, request.body),
  );

  app.post(
    '/units/:id/deactivate',
    {
      schema: {
        tags: ['unit'],
        summary: 'Deactivate a unit (never deleted)',
        params: UnitIdParamsSchema,
        body: EmptyBodySchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => deactivateUnit(deps, requireSession(request).actor, request.params.id),
  );

  app.post(
    '/units/:id/activate',
    {
      schema: {
        tags: ['unit'],
        summary: 'Activate a unit again',
        params: UnitIdParamsSchema,
        body: EmptyBodySchema,
        response: { 200: UnitViewSchema, ...errors },
      },
    },
    async (request) => activateUnit(deps, requireSession(request).actor, request.params.id),
  );
};
