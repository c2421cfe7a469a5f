/**
 * Every action the server writes to the audit trail, and the kinds of thing it names. One closed
 * list: `appendAudit` takes only these (the type checker holds every call to it), the i18n catalogs
 * label each one in both locales (a test holds that), and the audit page filters by them.
 */
import {
  ACTIVITY_STATES,
  PETITION_TRANSITIONS,
  type PetitionActivity,
  type PetitionTransition,
} from './petition-state.ts';

export type PetitionVerbAction = `petition.${PetitionTransition | PetitionActivity}`;

/** Actions other than the petition verbs, grouped by the module that writes them. */
export const OTHER_AUDIT_ACTIONS = [
  // auth
  'session.login',
  'session.logout',
  'session.login_failed',
  'user.lock',
  'user.change_password',
  // unit, setup
  'unit.create',
  'unit.rename',
  'unit.move',
  'unit.deactivate',
  'unit.activate',
  'unit.set_network',
  // user
  'user.create',
  'user.disable',
  'user.enable',
  'user.reset_password',
  // category, calendar, templates, text model
  'category.create',
  'category.rename',
  'category.reorder',
  'category.deactivate',
  'category.activate',
  'calendar.replace_year',
  'document_template.save',
  'text.classifier.train',
  // petition, outside the verbs of the state machine
  'petition.register',
  'petition.declareConflict',
  'petition.deliverDocument',
  'petition.generateDocument',
  'petition.message',
  'petition.receiveMessage',
  'petition.replyMessage',
  'petition.attach',
  'petition.import',
  'petitioner.reveal_identity',
  'petitioner.lookup',
  // settings, contacts
  'setting.update',
  'setting.clear',
  'user.contact',
  // portal
  'portal.file',
  'portal.evaluate',
  'portal.guidance',
  // ledger
  'ledger.settings',
  'ledger.export',
  'ledger.upload',
  'ledger.import',
  // intake: visits (来访登记) and calls (来电登记); each step on a case goes through the petition engine
  'petition.recordVisit',
  'petition.amendTranscript',
  'petition.confirmTranscript',
  'petition.recordCall',
  'petition.recordCallback',
  'call_record.record',
  'call_record.callback',
  'call_record.reveal_number',
  // daily reports (日报告/零报告); an item that becomes a petition is linked on the case through the engine
  'daily_report.submit',
  'petition.fromDailyReport',
  // duty (值班带班, 值班日志, 领导接待日); an entry turned into a petition is recorded on the case
  'petition.recordDutyEntry',
  'duty.roster.save',
  'duty.swap.request',
  'duty.swap.approve',
  'duty.swap.refuse',
  'duty.log.entry',
  'duty.handover',
  'duty.reception.publish',
  'duty.reception.cancel',
  // partner (issue #16): organisations, invitations onto a case, referral, opinions, sessions; a
  // partner's read of a case is audited so the office sees what each partner saw
  'partner_organisation.create',
  'partner_organisation.add_member',
  'partner_organisation.remove_member',
  'partner_session.create',
  'petition.read_by_partner',
  'petition.invitePartner',
  'petition.grantPartnerIdentity',
  'petition.endPartnerInvitation',
  'petition.referToPartner',
  'petition.giveOpinion',
  'petition.registerInSession',
  // mediation (企地联调)
  'mediation.create',
  'mediation.link',
  'mediation.meeting',
  'mediation.agreement',
  'mediation.fulfil',
  'mediation.close',
  'petition.joinMediation',
  // warning
  'warning.acknowledge',
  'warning.analyse',
  'warning.close',
  'warning.period.add',
  'warning.period.remove',
  'warning.policy',
  // appraisal (考核, 第39条)
  'appraisal.scheme_create',
  'appraisal.scheme_update',
  'appraisal.round_open',
  'appraisal.self_assess',
  'appraisal.evidence_add',
  'appraisal.review',
  'appraisal.publish',
  'appraisal.export',
  // 奖惩与问责 (第39条, 第42–46条)
  'accountability.record',
  'accountability.rectify',
  // prevention: screening campaigns and the hazard ledger (排查台账)
  'screening.create',
  'screening.answer',
  'hazard.create',
  'hazard.lead',
  'hazard.add_measure',
  'hazard.complete_measure',
  'hazard.note',
  'hazard.request_clear',
  'hazard.approve_clear',
  'hazard.send_back',
  'hazard.link_petition',
  'petition.linkHazard',
  // emergency response (应急处置)
  'emergency.plan.create',
  'emergency.plan.update',
  'emergency.activate',
  'emergency.entry',
  'emergency.task.assign',
  'emergency.task.confirm',
  'emergency.stand_down',
  // 法规政策库 (knowledge base)
  'knowledge.document.create',
  'knowledge.document.update',
  'knowledge.article.create',
  'knowledge.article.update',
  'knowledge.version.create',
  'knowledge.article.repeal',
  // training (干部培训, 第16条): courses, sessions, attendance, tests scored by the server, certificates
  'training_course.create',
  'training_session.create',
  'training_session.attendance',
  'training_session.test',
  'training_certificate.issue',
  'training.onboarding_step',
  // consultations (征求意见, 第29条) and publicity (宣传教育)
  'consultation.publish',
  'consultation.attach',
  'consultation.answer',
  'consultation.decide',
  'publicity.record',
] as const;

export type AuditAction = (typeof OTHER_AUDIT_ACTIONS)[number] | PetitionVerbAction;

/** Every audit action: the petition verbs (one per transition and activity), then the others. */
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...[...PETITION_TRANSITIONS, ...(Object.keys(ACTIVITY_STATES) as PetitionActivity[])].map(
    (verb): PetitionVerbAction => `petition.${verb}`,
  ),
  ...OTHER_AUDIT_ACTIONS,
];

export const AUDIT_ENTITY_TYPES = [
  'petition',
  'petitioner',
  'unit',
  'user',
  'category',
  'calendar',
  'document_template',
  'text_model',
  'ledger',
  'ledger_import',
  'setting',
  'warning',
  'sensitive_period',
  'login_name',
  'call_record',
  'daily_report',
  'appraisal_scheme',
  'appraisal_round',
  'appraisal_result',
  'accountability_record',
  'screening_campaign',
  'hazard',
  'duty_shift',
  'duty_swap',
  'reception_day',
  'emergency_plan',
  'incident',
  'partner_organisation',
  'partner_session',
  'mediation_matter',
  'knowledge_document',
  'knowledge_article',
  'training_course',
  'training_session',
  'training_certificate',
  'consultation',
  'publicity_activity',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
