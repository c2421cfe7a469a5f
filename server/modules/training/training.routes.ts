/** 干部培训 over HTTP: courses, sessions (attendance, certificates), the attendee's test, records, gaps, first weeks. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorBodySchema } from '../../../common/errors.ts';
import {
  AttendanceInputSchema,
  CertificateInputSchema,
  CourseInputSchema,
  CourseListViewSchema,
  CourseViewSchema,
  GapListViewSchema,
  GapQuerySchema,
  SessionInputSchema,
  SessionListViewSchema,
  SessionViewSchema,
  TestAnswersInputSchema,
  TestResultViewSchema,
  TestViewSchema,
  TrainingRecordViewSchema,
} from '../../../common/schemas/training.ts';
import { IdSchema } from '../../../common/schemas/unit.ts';
import { requireSession } from '../../platform/auth.ts';
import type { ServiceDeps } from '../../platform/deps.ts';
import * as service from './training.service.ts';

const errors = { 400: ErrorBodySchema, 401: ErrorBodySchema, 403: ErrorBodySchema, 404: ErrorBodySchema };
const IdParams = z.object({ id: IdSchema });
const StepParams = z.object({ stepId: z.string().regex(/^[a-z0-9-]{1,40}$/) });
const tags = ['training'];

export const trainingRoutes: FastifyPluginAsyncZod<{ deps: ServiceDeps }> = async (app, { deps }) => {
  app.get(
    '/training-courses',
    {
      schema: {
        tags,
        summary: 'The courses my office holds: the group’s above it and its subtree’s',
        response: { 200: CourseListViewSchema, ...errors },
      },
    },
    async (request) => service.listCourses(deps, requireSession(request).actor),
  );
  app.post(
    '/training-courses',
    {
      schema: {
        tags,
        summary: 'A new course: topic, roles bound, hours, validity, an optional short test',
        body: CourseInputSchema,
        response: { 200: CourseViewSchema, ...errors },
      },
    },
    async (request) => service.createCourse(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/training-sessions',
    {
      schema: { tags, summary: 'The sessions held in my subtree', response: { 200: SessionListViewSchema, ...errors } },
    },
    async (request) => service.listSessions(deps, requireSession(request).actor),
  );
  app.post(
    '/training-sessions',
    {
      schema: {
        tags,
        summary: 'Schedule a session of a course with its attendees (each is told)',
        body: SessionInputSchema,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.createSession(deps, requireSession(request).actor, request.body),
  );
  app.get(
    '/training-sessions/:id',
    {
      schema: {
        tags,
        summary: 'A session with its attendees, attendance, scores and certificates',
        params: IdParams,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.getSession(deps, requireSession(request).actor, request.params.id),
  );
  app.post(
    '/training-sessions/:id/attendance',
    {
      schema: {
        tags,
        summary: 'Record who attended',
        params: IdParams,
        body: AttendanceInputSchema,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.recordAttendance(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.post(
    '/training-sessions/:id/certificates',
    {
      schema: {
        tags,
        summary: 'Issue the course’s certificate to an attendee who attended and passed',
        params: IdParams,
        body: CertificateInputSchema,
        response: { 200: SessionViewSchema, ...errors },
      },
    },
    async (request) => service.issueCertificate(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.get(
    '/training-sessions/:id/test',
    {
      schema: {
        tags,
        summary: 'The session’s test for its attendee (no right answers) and his last result',
        params: IdParams,
        response: { 200: TestViewSchema, ...errors },
      },
    },
    async (request) => service.getTest(deps, requireSession(request).actor, request.params.id),
  );
  app.post(
    '/training-sessions/:id/test',
    {
      schema: {
        tags,
        summary: 'Hand in the test: the chosen answers, scored by the server',
        params: IdParams,
        body: TestAnswersInputSchema,
        response: { 200: TestResultViewSchema, ...errors },
      },
    },
    async (request) => service.submitTest(deps, requireSession(request).actor, request.params.id, request.body),
  );
  app.get(
    '/training/my-record',
    {
      schema: {
        tags,
        summary: 'My courses, hours, scores, qualifications and first weeks’ checklist',
        response: { 200: TrainingRecordViewSchema, ...errors },
      },
    },
    async (request) => service.myRecord(deps, requireSession(request).actor),
  );
  app.post(
    '/training/my-record/steps/:stepId',
    {
      schema: {
        tags,
        summary: 'Tick one of my first weeks’ setup steps',
        params: StepParams,
        response: { 200: TrainingRecordViewSchema, ...errors },
      },
    },
    async (request) => service.completeStep(deps, requireSession(request).actor, request.params.stepId),
  );
  app.get(
    '/training/records/:id',
    {
      schema: {
        tags,
        summary: 'A cadre’s training record (the office over his unit)',
        params: IdParams,
        response: { 200: TrainingRecordViewSchema, ...errors },
      },
    },
    async (request) => service.recordOf(deps, requireSession(request).actor, request.params.id),
  );
  app.get(
    '/training/gaps',
    {
      schema: {
        tags,
        summary: 'Who lacks a required course or holds one expired or expiring, in my subtree',
        querystring: GapQuerySchema,
        response: { 200: GapListViewSchema, ...errors },
      },
    },
    async (request) => service.listGaps(deps, requireSession(request).actor, request.query),
  );
};
