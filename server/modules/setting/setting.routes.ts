import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  SettingKeySchema,
  SettingListViewSchema,
  SettingUpdateInputSchema,
  SettingViewSchema,
} from '../../../common/schemas/setting.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { clearSetting, listSettings, updateSetting } from './setting.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const settingRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/settings',
    {
      schema: {
        tags: ['setting'],
        summary: 'The settings in force at a unit, where each comes from, and which the viewer may change',
        querystring: z.object({ unitId: IdSchema }).strict(),
        response: { 200: SettingListViewSchema, ...errors },
      },
    },
    async (request) => listSettings(deps, requireSession(request).actor, request.query.unitId),
  );

  app.put(
    '/settings/:key',
    {
      schema: {
        tags: ['setting'],
        summary: 'Set a value at a unit (the enterprise, or a mine where the key allows it); audited',
        params: z.object({ key: SettingKeySchema }),
        body: SettingUpdateInputSchema,
        response: { 200: SettingViewSchema, ...errors },
      },
    },
    async (request) => updateSetting(deps, requireSession(request).actor, request.params.key, request.body),
  );

  app.delete(
    '/settings/:key',
    {
      schema: {
        tags: ['setting'],
        summary: 'Clear the unit’s own value so the one above (or the default) holds again; audited',
        params: z.object({ key: SettingKeySchema }),
        querystring: z.object({ unitId: IdSchema }).strict(),
        response: { 200: SettingViewSchema, ...errors },
      },
    },
    async (request) => clearSetting(deps, requireSession(request).actor, request.params.key, request.query.unitId),
  );
};
