/** 应急处置 over HTTP: the refusals a person meets through the routes, each naming its field. */
import { describe, expect, it } from 'vitest';
import { appWorld } from '../../test/factories.ts';
import { loginAs } from '../../test/test-app.ts';

const world = appWorld();

async function planAsOffice() {
  const office = await loginAs(world.app, 'officer.minea');
  const user = (key: string) => world.user(key).id;
  const response = await office.post('/api/emergency/plans', {
    unitId: world.org.units.mineA.id,
    title: '甲矿群体性事件应急预案',
    incidentType: 'mass_incident',
    level: 'red',
    roles: [
      { role: 'commander', userIds: [user('chief@mineA')] },
      { role: 'onsite', userIds: [user('deputy@mineA')] },
    ],
    steps: ['赶赴现场', '劝导疏散'],
    contacts: [{ body: '甲镇人民政府', name: '王镇长', phone: '0351-1234567' }],
  });
  expect(response.statusCode).toBe(200);
  return { office, planId: response.json<{ id: string }>().id };
}

describe('emergency routes', () => {
  it('the office may not activate a real response (403 naming planId); the chief may', async () => {
    const { office, planId } = await planAsOffice();
    const refused = await office.post('/api/emergency/incidents', { planId, source: { kind: 'leader' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: 'FORBIDDEN', details: { field: 'planId' } } });
    const chief = await loginAs(world.app, 'chief.minea');
    const started = await chief.post('/api/emergency/incidents', { planId, source: { kind: 'leader' } });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ told: 1, incident: { status: 'active', drill: false } });
  });

  it('a step without a time is refused naming occurredAt; a stand-down twice is a conflict', async () => {
    const { planId } = await planAsOffice();
    const chief = await loginAs(world.app, 'chief.minea');
    const id = (await chief.post('/api/emergency/incidents', { planId, source: { kind: 'leader' } })).json<{
      incident: { id: string };
    }>().incident.id;
    const deputy = await loginAs(world.app, 'deputy.minea');
    const noTime = await deputy.post(`/api/emergency/incidents/${id}/entries`, { kind: 'arrival', text: '到场' });
    expect(noTime.statusCode).toBe(400);
    expect(noTime.json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['occurredAt'] }] } },
    });
    expect((await chief.post(`/api/emergency/incidents/${id}/stand-down`, { note: '散去' })).statusCode).toBe(200);
    const again = await chief.post(`/api/emergency/incidents/${id}/stand-down`, { note: '再次' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: { code: 'INCIDENT_STATE_ILLEGAL', details: { field: 'status' } } });
  });

  it('a person outside the incident is told it does not exist', async () => {
    const { planId } = await planAsOffice();
    const chief = await loginAs(world.app, 'chief.minea');
    const id = (await chief.post('/api/emergency/incidents', { planId, source: { kind: 'leader' } })).json<{
      incident: { id: string };
    }>().incident.id;
    const handler = await loginAs(world.app, 'handler.teama1');
    expect((await handler.get(`/api/emergency/incidents/${id}`)).statusCode).toBe(404);
    const auditor = await loginAs(world.app, 'auditor.root');
    expect((await auditor.get(`/api/emergency/incidents/${id}`)).statusCode).toBe(404);
  });
});
