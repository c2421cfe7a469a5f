import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import { OkViewSchema } from '../../../common/schemas/auth.ts';
import { NotificationListQuerySchema, NotificationListViewSchema } from '../../../common/schemas/notification.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import { listMyNotifications, markAllNotificationsRead, markNotificationRead } from './notification.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };

export const notificationRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notification'],
        summary: 'My notifications, newest first, paged (unread only with unread=true)',
        querystring: NotificationListQuerySchema,
        response: { 200: NotificationListViewSchema, ...errors },
      },
    },
    async (request) => listMyNotifications(deps, requireSession(request).actor, request.query),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notification'],
        summary: 'Mark one of my notifications read',
        params: z.object({ id: IdSchema }),
        body: z.object({}).strict().optional(),
        response: { 200: OkViewSchema, ...errors },
      },
    },
    async (request) => {
      await markNotificationRead(deps, requireSession(request).actor, request.params.id);
      return { ok: true as const };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notification'],
        summary: 'Mark all my notifications read (全部标为已读)',
        body: z.object({}).strict().optional(),
        response: { 200: z.object({ marked: z.number().int() }), ...errors },
      },
    },
    async (request) => ({ marked: await markAllNotificationsRead(deps, requireSession(request).actor) }),
  );
};
