/** 干部培训 endpoints (issue #17): courses, sessions, attendance, certificates, the test, records, gaps. */
import {
  CourseListViewSchema,
  CourseViewSchema,
  GapListViewSchema,
  SessionListViewSchema,
  SessionViewSchema,
  TestResultViewSchema,
  TestViewSchema,
  TrainingRecordViewSchema,
  type AttendanceInput,
  type CourseInput,
  type CourseListView,
  type CourseView,
  type GapListView,
  type SessionInput,
  type SessionListView,
  type SessionView,
  type TestResultView,
  type TestView,
  type TrainingRecordView,
} from '../../../common/schemas/training.ts';
import { api } from './client.ts';

const enc = encodeURIComponent;

export function listCourses(): Promise<CourseListView> {
  return api.get('/api/training-courses', CourseListViewSchema);
}

export function createCourse(input: CourseInput): Promise<CourseView> {
  return api.post('/api/training-courses', CourseViewSchema, input);
}

export function listTrainingSessions(): Promise<SessionListView> {
  return api.get('/api/training-sessions', SessionListViewSchema);
}

export function createTrainingSession(input: SessionInput): Promise<SessionView> {
  return api.post('/api/training-sessions', SessionViewSchema, input);
}

export function getTrainingSession(id: string): Promise<SessionView> {
  return api.get(`/api/training-sessions/${enc(id)}`, SessionViewSchema);
}

export function recordAttendance(id: string, input: AttendanceInput): Promise<SessionView> {
  return api.post(`/api/training-sessions/${enc(id)}/attendance`, SessionViewSchema, input);
}

export function issueCertificate(id: string, userId: string): Promise<SessionView> {
  return api.post(`/api/training-sessions/${enc(id)}/certificates`, SessionViewSchema, { userId });
}

export function getTest(id: string): Promise<TestView> {
  return api.get(`/api/training-sessions/${enc(id)}/test`, TestViewSchema);
}

export function submitTest(id: string, answers: number[]): Promise<TestResultView> {
  return api.post(`/api/training-sessions/${enc(id)}/test`, TestResultViewSchema, { answers });
}

export function myTrainingRecord(): Promise<TrainingRecordView> {
  return api.get('/api/training/my-record', TrainingRecordViewSchema);
}

/** A cadre's record, for the office over his unit (read-only: the person's record page). */
export function trainingRecordOf(userId: string): Promise<TrainingRecordView> {
  return api.get(`/api/training/records/${enc(userId)}`, TrainingRecordViewSchema);
}

export function completeStep(stepId: string): Promise<TrainingRecordView> {
  return api.post(`/api/training/my-record/steps/${enc(stepId)}`, TrainingRecordViewSchema);
}

export function listGaps(unitId: string | undefined): Promise<GapListView> {
  return api.get('/api/training/gaps', GapListViewSchema, { unitId });
}
