/** 应急处置 endpoints: plans, activation, the incident, its timeline, tasks and stand-down. */
import { z } from 'zod';
import {
  IncidentListViewSchema,
  IncidentViewSchema,
  PlanListViewSchema,
  PlanViewSchema,
  type ActivatePlanInput,
  type IncidentEntryInput,
  type IncidentListQuery,
  type IncidentListView,
  type IncidentTaskInput,
  type IncidentView,
  type PlanInput,
  type PlanListView,
  type PlanView,
  type StandDownInput,
} from '../../../common/schemas/emergency.ts';
import { api } from './client.ts';

const ActivationViewSchema = z.object({ incident: IncidentViewSchema, told: z.number().int() });
const id = (value: string) => encodeURIComponent(value);

export function listPlans(): Promise<PlanListView> {
  return api.get('/api/emergency/plans', PlanListViewSchema);
}

export function createPlan(input: PlanInput): Promise<PlanView> {
  return api.post('/api/emergency/plans', PlanViewSchema, input);
}

export function editPlan(planId: string, input: PlanInput): Promise<PlanView> {
  return api.put(`/api/emergency/plans/${id(planId)}`, PlanViewSchema, input);
}

export function activatePlan(input: ActivatePlanInput): Promise<{ incident: IncidentView; told: number }> {
  return api.post('/api/emergency/incidents', ActivationViewSchema, input);
}

export function listIncidents(query: IncidentListQuery = {}): Promise<IncidentListView> {
  return api.get('/api/emergency/incidents', IncidentListViewSchema, query);
}

export function getIncident(incidentId: string): Promise<IncidentView> {
  return api.get(`/api/emergency/incidents/${id(incidentId)}`, IncidentViewSchema);
}

export function recordEntry(incidentId: string, input: IncidentEntryInput): Promise<IncidentView> {
  return api.post(`/api/emergency/incidents/${id(incidentId)}/entries`, IncidentViewSchema, input);
}

export function assignTask(incidentId: string, input: IncidentTaskInput): Promise<IncidentView> {
  return api.post(`/api/emergency/incidents/${id(incidentId)}/tasks`, IncidentViewSchema, input);
}

export function confirmTask(taskId: string): Promise<IncidentView> {
  return api.post(`/api/emergency/tasks/${id(taskId)}/confirm`, IncidentViewSchema);
}

export function standDown(incidentId: string, input: StandDownInput): Promise<IncidentView> {
  return api.post(`/api/emergency/incidents/${id(incidentId)}/stand-down`, IncidentViewSchema, input);
}
