/**
 * 干部培训 over HTTP, as a browser (or someone forging one) meets it: a course with a right answer that is
 * not one of its choices, a test handed in with the client's own score, a certificate for someone not on
 * the session — each 400 naming the field, nothing written; the score is the server's.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';
import type { Org, TestContext } from '../../test/test-context.ts';

let ctx: TestContext;
let app: FastifyInstance;
let org: Org;
appWorld((world) => ({ ctx, app, org } = world));

const course = {
  title: '信访接待规范',
  requiredFor: ['unit_head'],
  hours: 2,
  validityMonths: 24,
  test: {
    passMark: 100,
    questions: [{ text: '接待时应当首先做什么？', choices: ['登记', '劝返'], answer: 0 }],
  },
};

function fieldsOf(body: unknown): unknown[] {
  const issues = (body as { error?: { details?: { issues?: { path: unknown[] }[] } } }).error?.details?.issues ?? [];
  return issues.map((issue) => issue.path.map(String));
}

describe('training over HTTP', () => {
  it('refuses a course whose right answer is not one of its choices, naming it, nothing written', async () => {
    const office = await loginAs(app, 'officer.minea');
    const bad = structuredClone(course);
    bad.test.questions[0]!.answer = 2;
    const response = await office.post('/api/training-courses', bad);
    expect(response.statusCode).toBe(400);
    expect(fieldsOf(response.json())).toContainEqual(['test', 'questions', '0', 'answer']);
    expect(await ctx.deps.db.selectFrom('training_course').selectAll().execute()).toHaveLength(0);
  });

  it('scores the test itself: a score sent by the phone is refused, the wrong answer fails whatever it claims', async () => {
    const office = await loginAs(app, 'officer.minea');
    const created = (await office.post('/api/training-courses', course)).json<{ id: string }>();
    const head = org.users['unit_head@teamA1']!;
    const session = await office.post('/api/training-sessions', {
      courseId: created.id,
      unitId: org.units.mineA.id,
      heldOn: ctx.clock.now().toISOString().slice(0, 10),
      trainer: '赵老师',
      attendeeIds: [head.id],
    });
    expect(session.statusCode).toBe(200);
    const id = session.json<{ id: string }>().id;
    const phone = await loginAs(app, 'unit-head.teama1');
    const test = await phone.get(`/api/training-sessions/${id}/test`);
    expect(test.statusCode).toBe(200);
    expect(test.body).not.toContain('"answer"');

    const forged = await phone.post(`/api/training-sessions/${id}/test`, { answers: [1], score: 100, passed: true });
    expect(forged.statusCode).toBe(400);
    // The unknown keys are named in the issue (zod's strict object): the body's own score is not read.
    expect(forged.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    expect(forged.body).toContain('score');
    expect(await ctx.deps.db.selectFrom('training_attendee').select('score').execute()).toEqual([{ score: null }]);
    const wrong = await phone.post(`/api/training-sessions/${id}/test`, { answers: [1] });
    expect(wrong.json()).toMatchObject({ score: 0, passed: false });

    const stranger = org.users['unit_head@crewA1']!;
    const refused = await office.post(`/api/training-sessions/${id}/certificates`, { userId: stranger.id });
    expect(refused.statusCode).toBe(400);
    expect(fieldsOf(refused.json())).toContainEqual(['userId']);
    expect(await ctx.deps.db.selectFrom('training_certificate').selectAll().execute()).toHaveLength(0);
  });
});
