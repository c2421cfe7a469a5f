/**
 * Table types for Kysely. Kept by hand beside the migrations: a schema change ships with its
 * migration and this file in the same commit.
 *
 * Portable column types (see docs/adr/0002-portable-columns.md): timestamps are ISO-8601 UTC text,
 * booleans are integers 0/1, ids are text. The same queries then run on SQLite and PostgreSQL.
 */
import type { Generated, Kysely } from 'kysely';
import type { Role } from '../../common/schemas/user.ts';
import type { UnitKind } from '../../common/schemas/unit.ts';
import type { PetitionState } from '../../common/domain/petition-state.ts';
import type { RiskLevel, WarningLevel } from '../../common/domain/risk.ts';
import type { IncidentType, TimelineKind } from '../../common/schemas/emergency.ts';
import type { AccountabilityKind } from '../../common/schemas/accountability.ts';
import type {
  Channel,
  PetitionerIdentity,
  PetitionType,
  Purpose,
  ReplyResult,
  SupervisionLevel,
} from '../../common/schemas/petition.ts';

export type UnitTable = {
  id: string;
  parent_id: string | null;
  kind: UnitKind;
  name: string;
  code: string;
  /** Materialised path `/rootId/…/id/`: a subtree is a prefix match on an indexed column. */
  path: string;
  depth: number;
  active: number;
  sort_order: number;
  created_at: string;
  updated_at: string;
  /** 包联领导: the leader account of the mine/group who answers for this unit (三级工作体系). */
  leader_user_id: string | null;
  /** 信息员: an account, or a named contact with a phone. */
  info_officer_user_id: string | null;
  info_officer_name: string | null;
  info_officer_phone: string | null;
};

export type AppUserTable = {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  unit_id: string;
  password_hash: string;
  active: number;
  failed_login_count: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
  /** Where outbound notifications go (e-mail; the mobile number encrypted like petitioners' phones). */
  email: string | null;
  mobile_enc: string | null;
  /** 职务 as the organisation names it (矿长, 综采一队队长): what tells namesakes apart. */
  position: string | null;
};

/**
 * Log-in attempts counted under one key: a keyed hash of (account, address), address, or account
 * (auth.service.ts, docs/adr/0003). No username or address is stored.
 */
export type LoginGuardTable = {
  key: string;
  /** The account the username named when it was counted; null for an address or an unknown name. */
  user_id: string | null;
  failures: number;
  /** When the last attempt was counted; a count untouched for a day starts again. */
  counted_at: string;
  locked_until: string | null;
  /** (account, address) rows: a successful log-in from here passes the address and account back-off until then. */
  known_until: string | null;
};

export type SessionTable = {
  /** SHA-256 of the cookie token: a leaked table does not yield usable sessions. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
};

export type AuditLogTable = {
  seq: number;
  at: string;
  actor_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_json: string | null;
  after_json: string | null;
  prev_hash: string;
  hash: string;
};

/** One row (id = 1) holding the tip of the audit hash chain; locked while appending. */
export type AuditChainHeadTable = {
  id: number;
  last_seq: number;
  last_hash: string;
};

/** A setting's value at one unit (the enterprise or a mine); common/schemas/setting.ts defines the keys. */
export type SettingValueTable = {
  unit_id: string;
  key: string;
  value_json: string;
  updated_by: string | null;
  updated_at: string;
};

/** One row (id = 1): a check value derived from the field-encryption key the identity data was written with. */
export type FieldKeyCheckTable = {
  id: number;
  check_value: string;
  recorded_at: string;
};

export type CategoryTable = {
  code: string;
  parent_code: string | null;
  name: string;
  national_category: string | null;
  active: number;
  sort_order: number;
};

/** A petitioner. ID number and phone are AES-256-GCM ciphertext; the *_index columns are HMACs for look-up. */
export type PetitionerTable = {
  id: string;
  name: string;
  id_number_enc: string | null;
  id_number_index: string | null;
  phone_enc: string | null;
  phone_index: string | null;
  identity: PetitionerIdentity;
  unit_id: string | null;
  address: string | null;
  /** Who entered it: the office (or the import, an office too), or an unauthenticated portal filing. */
  source: 'office' | 'portal' | 'import';
  /** A record sharing a known ID number or phone but differing from it: the record it may be, until reconciled. */
  same_as_id: string | null;
  reconciled_at: string | null;
  created_at: string;
  updated_at: string;
};

export type PetitionTable = {
  id: string;
  case_number: string;
  tracking_code_hash: string;
  state: PetitionState;
  channel: Channel;
  type: PetitionType;
  purpose: Purpose;
  category_code: string | null;
  title: string;
  body: string;
  received_at: string;
  registered_by: string;
  registered_unit_id: string;
  handling_unit_id: string | null;
  owner_id: string | null;
  owner_confirmed_at: string | null;
  handler_id: string | null;
  is_anonymous: number;
  headcount: number;
  representative_count: number;
  is_group: number;
  is_skip_level: number;
  is_repeat: number;
  is_first: number;
  repeat_of_id: string | null;
  reply_result: ReplyResult | null;
  /** The 四个到位 the reply records (common/domain/reply.ts: codes, comma-separated), null before a reply is drafted. */
  outcomes: string | null;
  satisfaction: number | null;
  supervision_level: SupervisionLevel | null;
  /** The nearest open deadline, kept in the same transaction as every event, for lists and to-dos. */
  due_date: string | null;
  due_kind: string | null;
  /** Risk score 0–100, its level and its reasons (JSON), recomputed with every event and by the warning scan. */
  risk_score: number;
  risk_level: RiskLevel;
  risk_json: string;
  /** The 受理告知 and 办结 deadlines (local date, status open/met/met_late/overdue), kept with every event for the dashboard. */
  acceptance_due: string | null;
  acceptance_status: string | null;
  conclusion_due: string | null;
  conclusion_status: string | null;
  /** The report a higher body asked for on a matter it sent down (上级转送/交办, 第22条): due date and status. */
  referral_due: string | null;
  referral_status: string | null;
  /** The 包案 leader's confirmation limit (企业规定, 第18条): due date and status, kept like the two above. */
  ownership_due: string | null;
  ownership_status: string | null;
  /** The unit that issued the 复查意见: the 复核 belongs to the level above it (第36条). */
  review_unit_id: string | null;
  /** The number of the case's last event, bumped with the version: the next event is `event_seq + 1`. */
  event_seq: number;
  /** The time limits (DeadlinePolicy JSON) in force when the case was registered; null = the 条例's defaults. */
  policy_json: string | null;
  version: number;
  created_at: string;
  updated_at: string;
};

/**
 * The dashboard's rollup (issue #20, migration 240): petitions counted by local day or calendar month
 * (grain d/m), dimension value, registering and handling unit ('' = none); kept by the petition engine
 * (server/modules/rollup/rollup.ts).
 */
export type PetitionRollupTable = {
  grain: 'd' | 'm';
  dim: string;
  period: string;
  handling_unit_id: string;
  registered_unit_id: string;
  value: string;
  n: number;
  persons: number;
  group_n: number;
  group_persons: number;
  skip_level_n: number;
  repeat_n: number;
  anonymous_n: number;
};

export type PetitionPetitionerTable = {
  petition_id: string;
  petitioner_id: string;
  is_representative: number;
  sort_order: number;
};

/** 被反映人: how an officer resolved the name (common/domain/named-person.ts). */
export type NamedPersonResolution = 'unresolved' | 'account' | 'no_account';

export type PetitionNamedPersonTable = {
  id: string;
  petition_id: string;
  /** The account, once an officer confirmed it (resolution `account`). */
  user_id: string | null;
  name: string;
  unit_id: string | null;
  /** The unit as the petitioner or the ledger wrote it, when it matched no unit. */
  unit_text: string | null;
  position: string | null;
  resolution: NamedPersonResolution;
};

/** 日报告/零报告: one per reporting unit and working day (report module). */
export type DailyReportTable = {
  id: string;
  unit_id: string;
  /** The report day, a local date (UTC+8). */
  report_date: string;
  /** The key the phone made for this report: a resubmission with it is the same report. */
  report_key: string;
  nil: number;
  /** Arrived at or after the day's cut-off (fixed when it arrives). */
  late: number;
  item_count: number;
  submitted_by: string;
  submitted_at: string;
};

export type DailyReportItemTable = {
  id: string;
  report_id: string;
  seq: number;
  kind: 'concern' | 'dispute' | 'hazard' | 'difficulty';
  text: string;
  headcount: number;
  petition_id: string | null;
  /** The hazard it became, once the hazard ledger is wired (no foreign key yet). */
  hazard_id: string | null;
  linked_at: string | null;
};

export type PetitionUnitTable = { petition_id: string; unit_id: string; role: 'involved' };
/**
 * A co-handler of a case; for a partner (外部协作) the invitation onto it: until `expires_at` (null: no
 * expiry), with the petitioner's identity only when the office granted it (`identity_granted`, 1).
 */
export type PetitionCoHandlerTable = {
  petition_id: string;
  user_id: string;
  expires_at: string | null;
  identity_granted: number;
};
export type ConflictDeclarationTable = { petition_id: string; user_id: string; reason: string; created_at: string };

export type PetitionEventTable = {
  id: string;
  petition_id: string;
  seq: number;
  kind: string;
  at: string;
  actor_id: string | null;
  from_state: PetitionState | null;
  to_state: PetitionState | null;
  data_json: string;
  /** Internal notes are never shown to the petitioner. */
  internal: number;
};

export type AttachmentTable = {
  id: string;
  petition_id: string;
  event_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: string;
  /** Marked at upload as an identity document (an ID card): shown only to whom the identity is. */
  identity_document: number;
};

export type NotificationTable = {
  id: string;
  user_id: string;
  kind: string;
  petition_id: string | null;
  warning_id: string | null;
  dedupe_key: string;
  data_json: string;
  created_at: string;
  read_at: string | null;
};

export type CalendarDayTable = { date: string; kind: 'holiday' | 'workday'; name: string | null };
export type JobLeaseTable = {
  name: string;
  holder: string;
  lease_until: string;
  /** Runs so far over every instance, and when the last one started (issue #21). */
  runs: Generated<number>;
  last_started_at: string | null;
};
export type CaseCounterTable = { year: number; last_number: number };

/** One version of a document template; an edit adds a version, documents keep the one they came from. */
export type DocumentTemplateTable = {
  id: string;
  kind: string;
  version: number;
  title: string;
  addressee: string;
  body: string;
  number_prefix: string;
  created_by: string | null;
  created_at: string;
};

/** A generated document: its content is frozen at generation (content_json), its delivery recorded. */
export type PetitionDocumentTable = {
  id: string;
  petition_id: string;
  kind: string;
  number: string;
  template_id: string;
  template_version: number;
  source_event_id: string;
  content_json: string;
  addressed_to_petitioner: number;
  created_by: string | null;
  created_at: string;
  delivery_method: string | null;
  delivery_tracking: string | null;
  sent_at: string | null;
  delivered_at: string | null;
  delivery_recorded_by: string | null;
};

export type DocumentSequenceTable = { prefix: string; year: number; last_number: number };

/** A column mapping of an imported ledger, saved per layout (the hash of its header row). */
export type LedgerMappingTable = {
  layout_hash: string;
  headers_json: string;
  mapping_json: string;
  updated_by: string | null;
  updated_at: string;
};

/** One ledger import: the uploaded file's layout, the mapping used, its status and outcome. */
export type LedgerImportTable = {
  id: string;
  file_name: string;
  format: 'xlsx' | 'csv';
  layout_hash: string;
  headers_json: string;
  mapping_json: string | null;
  row_count: number;
  status: 'uploaded' | 'validated' | 'invalid' | 'running' | 'done' | 'failed';
  errors_json: string | null;
  result_json: string | null;
  /** A running import's progress (ImportProgressView as JSON), for a poll answered by another instance. */
  progress_json: string | null;
  /** Who started the run (Actor as JSON): the scope its rows were checked in, kept for a resumed run. */
  actor_json: string | null;
  /** When every row passed the check: a resumed run goes straight to writing. */
  checked_at: string | null;
  /** Data rows of the file behind the last committed batch (a resumed run starts after them). */
  rows_done: Generated<number>;
  imported_count: Generated<number>;
  skipped_count: Generated<number>;
  /** The runner holding a running import, until when (renewed with each batch). */
  lease_owner: string | null;
  lease_until: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** The bytes of a stored file (attachments, evidence, uploaded ledgers) when files are kept in the database. */
export type StoredFileTable = { key: string; data: Buffer; size: number; created_at: string };

/** A per-address rate limit's counter: one row per route and client key, reset when its window has ended. */
export type RateLimitHitTable = { key: string; hits: number; window_ends: string };

/** The stable source key of an imported row (案件编号 or a row hash): unique, so a re-import adds nothing. */
export type PetitionImportSourceTable = {
  source_key: string;
  petition_id: string;
  import_id: string;
  source_case_number: string | null;
  created_at: string;
};

/** A message between the petitioner (`in`, from the portal) and the office (`out`). */
export type PetitionMessageTable = {
  id: string;
  petition_id: string;
  direction: 'in' | 'out';
  body: string;
  author_id: string | null;
  created_at: string;
  read_at: string | null;
};

/** The petitioner's 满意度评价 of one issued reply (once per reply). */
export type PetitionEvaluationTable = {
  id: string;
  petition_id: string;
  reply_event_id: string;
  satisfaction: number;
  comment: string | null;
  created_at: string;
};

/** Text messages waiting to be sent; phone and text are ciphertext, the text is blanked once sent. */
/** A message leaving the system by SMS, e-mail, 企业微信 robot or webhook; delivered with retries. */
export type OutboxMessageTable = {
  id: string;
  channel: 'sms' | 'email' | 'wecom' | 'webhook';
  kind: string;
  user_id: string | null;
  notification_id: string | null;
  address_enc: string;
  subject: string | null;
  body_enc: string;
  /** A text carrying a secret (a tracking code) is blanked once delivered. */
  blank_after_sending: number;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  next_attempt_at: string;
  /** While `sending`: the claim expires then, and a crashed sender's message is taken up again. */
  claimed_until: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
};

export type OutboxAttemptTable = {
  id: string;
  message_id: string;
  attempt: number;
  at: string;
  ok: number;
  detail: string | null;
  duration_ms: number;
};

export type PortalChallengeSpentTable = { challenge_hash: string; expires_at: string };
export type PortalGuardTable = { key: string; failures: number; window_until: string };

export type SensitivePeriodTable = {
  id: string;
  name: string;
  kind: 'holiday' | 'wage_day' | 'restructuring' | 'meeting' | 'other';
  start_date: string;
  end_date: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
  active: number;
};

/** 考核方案 (issue #18): the definition (common/schemas/appraisal.ts AppraisalDefinition) as JSON, versioned. */
export type AppraisalSchemeTable = {
  id: string;
  enterprise_id: string;
  name: string;
  period_kind: 'quarter' | 'year';
  level: 'mine' | 'company';
  /** Who is scored: the units of the level, or their leaders (chiefs and deputies, 第39条). */
  subject_kind: 'unit' | 'leader';
  version: number;
  definition_json: string;
  /** Set when the first round opens on the scheme: no edit after. */
  frozen_at: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** 考核轮次: the scheme as it was (JSON), the period, and the instant the figures were read. */
export type AppraisalRoundTable = {
  id: string;
  scheme_id: string;
  scheme_version: number;
  scheme_json: string;
  period_key: string;
  period_from: string;
  period_to: string;
  status: 'open' | 'published';
  computed_at: string;
  opened_by: string;
  published_at: string | null;
  created_at: string;
};

/** One unit's result in a round: the inputs read, the points, the self-assessment and the review. Scores in hundredths. */
export type AppraisalResultTable = {
  id: string;
  round_id: string;
  /** The unit scored; for a leader's result, his unit (who reviews him: the level above it). */
  unit_id: string;
  /** The leader scored (a leader round), null for a unit's result. */
  user_id: string | null;
  inputs_json: string;
  items_json: string;
  computed_centi: number;
  adjustment_centi: number;
  adjust_reason: string | null;
  rank: number | null;
  self_text: string | null;
  self_by: string | null;
  self_at: string | null;
  reviewed_by: string | null;
  reviewed_at: string | null;
  version: number;
};

/** A file a unit attached to its self-assessment (stored like a case's attachments). */
export type AppraisalEvidenceTable = {
  id: string;
  result_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: string;
};

export type WarningKind = 'petition_risk' | 'spike' | 'repeat_person' | 'named_cadre' | 'hotspot';
export type WarningStatus = 'open' | 'acknowledged' | 'analysed' | 'closed';

/** A warning: what fired, how serious, for which unit, why, and the cases behind it. */
export type WarningTable = {
  id: string;
  kind: WarningKind;
  level: WarningLevel;
  unit_id: string;
  title: string;
  reasons_json: string;
  petition_ids_json: string;
  /** The accounts the warning is about (a cadre named often): never told of it. */
  subject_user_ids_json: string;
  /** The unit it was raised for: escalation moves `unit_id` up; null on warnings older than the column. */
  raised_unit_id: string | null;
  dedupe_key: string;
  status: WarningStatus;
  escalation_level: number;
  escalated_at: string | null;
  acknowledged_by: string | null;
  acknowledged_at: string | null;
  created_at: string;
  updated_at: string;
};

/**
 * 奖惩与问责 (第39条, 第42–46条): a measure against a unit or a person, its basis (at least one of a
 * round's indicator, a case, an incident), its decision document as generated, its 整改 deadline.
 */
export type AccountabilityRecordTable = {
  id: string;
  enterprise_id: string;
  kind: AccountabilityKind;
  subject_unit_id: string;
  subject_user_id: string | null;
  basis_round_id: string | null;
  basis_figure_key: string | null;
  basis_petition_id: string | null;
  basis_incident_id: string | null;
  facts: string;
  decision: string;
  document_number: string;
  /** The DocumentContent as generated: the printed decision never changes with the template. */
  document_json: string;
  template_version: number;
  rectify_due: string | null;
  rectified_at: string | null;
  rectified_by: string | null;
  rectify_note: string | null;
  decided_by: string;
  decided_unit_id: string;
  decided_at: string;
  version: number;
};

/** 研判: the judgement, the measures, who is responsible and by when. */
export type WarningAnalysisTable = {
  id: string;
  warning_id: string;
  author_id: string;
  judgement: string;
  measures: string;
  responsible: string;
  due_date: string;
  created_at: string;
};

/** 法规政策库 (migration 150): a law, regulation, the group's policy, a 答复口径 or a 典型案例. */
export type KnowledgeDocumentTable = {
  id: string;
  kind: 'law' | 'regulation' | 'policy' | 'model_reply' | 'typical_case';
  title: string;
  issuer: string;
  document_number: string;
  summary: string;
  built_in_key: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

/** 条款: the citable unit of a knowledge document; its text lives in its versions. */
export type KnowledgeArticleTable = {
  id: string;
  document_id: string;
  number: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
};

/** One text of an article, in force from `effective_from` to `effective_to` inclusive (null: still in force). */
export type KnowledgeArticleVersionTable = {
  id: string;
  article_id: string;
  text: string;
  effective_from: string;
  effective_to: string | null;
  created_by: string | null;
  created_at: string;
};

export type KnowledgeArticleCategoryTable = { article_id: string; category_code: string };

/** The search text of an article version as bigrams (FTS5 on SQLite; a generated tsvector on PostgreSQL). */
export type KnowledgeSearchTable = { version_id: string; content: string };

/**
 * The search text of a petition as bigrams (FTS5 on SQLite; with a generated tsvector on PostgreSQL,
 * and there the petition's instant of receipt beside it, in the GIN index: the newest hits first).
 */
export type PetitionSearchTable = { petition_id: string; content: string; received_at?: string };

/**
 * A petition's repeat fingerprint (server/text/repeat-engine.ts): MinHash signature (base64 of
 * little-endian uint32), shingle count, and the samples it is filed under (base64 of int32).
 */
export type PetitionFingerprintTable = {
  petition_id: string;
  signature: string;
  shingle_count: number;
  samples: string | null;
};
/** One sampled shingle of a petition (int32): the persisted repeat index, by containment (issue #19). */
export type PetitionTextSampleTable = { shingle: number; petition_id: string };
/** A trained text model (kind `category`): JSON, when, by whom, on how many petitions and classes. */
export type TextModelTable = {
  kind: string;
  model_json: string;
  trained_at: string;
  trained_by: string | null;
  sample_size: number;
  class_count: number;
};

/** 来访登记: one walk-in visit on a case, its transcript (笔录) and its confirmation by the petitioner. */
export type VisitRecordTable = {
  id: string;
  petition_id: string;
  /** Where the visitor was received (the recorder's unit): the scope of the record. */
  unit_id: string;
  recorded_by: string;
  /** 接待人: who received the visitor (the recorder by default). */
  received_by: string;
  arrived_at: string;
  left_at: string;
  headcount: number;
  /** 随行人员: [{ name, relation, isRepresentative }]. */
  companions_json: string;
  transcript: string;
  /** 接收材料: [{ name, copies, original }]. */
  materials_json: string;
  /** How the petitioner confirmed the transcript: `signature` (on a tablet) or `printed` (签字确认 on paper); null while pending. */
  confirmation_method: 'signature' | 'printed' | null;
  confirmed_at: string | null;
  confirmed_by: string | null;
  /** SHA-256 of the transcript as confirmed: what was signed never changes afterwards. */
  transcript_sha256: string | null;
  /** The signature drawn on the tablet, a PNG attachment of the case. */
  signature_attachment_id: string | null;
  created_at: string;
  updated_at: string;
};

/** 来电登记: one call, its call-back number (AES-256-GCM with a blind index), the call-back, the case it became. */
export type CallRecordTable = {
  id: string;
  unit_id: string;
  recorded_by: string;
  called_at: string;
  duration_seconds: number;
  caller_name: string | null;
  caller_number_enc: string | null;
  caller_number_index: string | null;
  summary: string;
  /** The call-back promised by then; null when none was promised. */
  callback_due_at: string | null;
  callback_done_at: string | null;
  callback_by: string | null;
  callback_note: string | null;
  /** The case this call became or belongs to (the link both ways: the case page lists its calls). */
  petition_id: string | null;
  created_at: string;
  updated_at: string;
};

/** 矛盾隐患排查: a campaign a level opens over its subtree. Dates are local (UTC+8). */
export type ScreeningCampaignTable = {
  id: string;
  unit_id: string;
  unit_path: string;
  topic: string;
  description: string;
  period_from: string;
  period_to: string;
  due_date: string;
  /** Comma-separated unit kinds the campaign is narrowed to; null = every unit below. */
  unit_kinds: string | null;
  created_by: string;
  created_at: string;
};

/** One covered unit's answer to a campaign: pending, 无隐患 (nil) or hazards found. */
export type ScreeningReturnTable = {
  id: string;
  campaign_id: string;
  unit_id: string;
  unit_path: string;
  due_date: string;
  status: 'pending' | 'nil' | 'hazards';
  hazard_count: number;
  note: string | null;
  answered_at: string | null;
  answered_by: string | null;
  on_time: number | null;
  chased_at: string | null;
  escalated_at: string | null;
};

/** 排查台账: one hazard (矛盾隐患). */
export type HazardTable = {
  id: string;
  unit_id: string;
  unit_path: string;
  owner_path: string;
  campaign_id: string | null;
  title: string;
  location: string;
  workers_involved: number;
  category_code: string | null;
  risk_level: 'low' | 'medium' | 'high' | 'major';
  lead_leader_id: string | null;
  responsible_department: string | null;
  state: 'open' | 'clearing' | 'cleared';
  due_date: string | null;
  clear_evidence: string | null;
  clear_requested_at: string | null;
  clear_requested_by: string | null;
  cleared_at: string | null;
  cleared_by: string | null;
  cleared_on: string | null;
  found_date: string;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** 预案: a contingency plan; each edit bumps `version` (the audit keeps before and after). */
export type EmergencyPlanTable = {
  id: string;
  unit_id: string;
  title: string;
  incident_type: IncidentType;
  level: WarningLevel;
  version: number;
  /** [{ role, userIds }] */
  roles_json: string;
  /** [string] in order */
  steps_json: string;
  /** [{ body, name, phone }] */
  contacts_json: string;
  notify_user_ids_json: string;
  active: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** 值班带班: one shift of a unit's roster, [start_at, end_at); the handover note closes it. */
export type DutyShiftTable = {
  id: string;
  unit_id: string;
  start_at: string;
  end_at: string;
  /** 带班领导: a leader account. */
  leader_id: string;
  /** 值班员. */
  officer_id: string;
  /** The duty phone (a desk line, published on the portal), never a person's own number. */
  phone: string;
  handover_note: string | null;
  handed_over_at: string | null;
  handed_over_by: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** 应急处置: an activated plan (or a drill of it), with the plan as it was at activation. */
export type IncidentTable = {
  id: string;
  plan_id: string;
  plan_version: number;
  /** { roles, steps, contacts, notifyUserIds } at activation */
  plan_json: string;
  unit_id: string;
  title: string;
  summary: string;
  incident_type: IncidentType;
  level: WarningLevel;
  drill: number;
  status: 'active' | 'stood_down';
  source_kind: 'warning' | 'leader' | 'duty_log';
  source_id: string | null;
  commander_id: string;
  /** Every account of the incident: the plan's roles and notification list, and each task's assignee. */
  people_json: string;
  activated_by: string;
  activated_at: string;
  /** The earliest arrival at or after activation (kept for the response-time figure). */
  first_arrival_at: string | null;
  /** Minutes from activation to `first_arrival_at` (summed by the response-time figure). */
  arrival_minutes: number | null;
  stood_down_at: string | null;
  stood_down_by: string | null;
  stand_down_note: string | null;
  created_at: string;
  updated_at: string;
};

export type HazardMeasureTable = {
  id: string;
  hazard_id: string;
  text: string;
  due_date: string;
  done_at: string | null;
  done_by: string | null;
  created_at: string;
};

/** Progress notes and the 销号 steps, append-only. */
export type HazardNoteTable = {
  id: string;
  hazard_id: string;
  kind: 'note' | 'clear_requested' | 'cleared' | 'sent_back';
  text: string;
  author_id: string;
  created_at: string;
};

export type HazardPetitionTable = {
  hazard_id: string;
  petition_id: string;
  relation: 'became' | 'revealed';
  created_at: string;
};

/** 换班: the person on duty asks to hand his place on a shift to a colleague; the office decides. */
export type DutySwapTable = {
  id: string;
  shift_id: string;
  slot: 'leader' | 'officer';
  requested_by: string;
  colleague_id: string;
  reason: string;
  state: 'pending' | 'approved' | 'refused';
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
  created_at: string;
};

/** 值班日志: one entry of a shift's log; a call or visit entry may have become a petition. */
export type DutyLogEntryTable = {
  id: string;
  shift_id: string;
  kind: 'call' | 'visit' | 'event' | 'instruction';
  occurred_at: string;
  text: string;
  recorded_by: string;
  petition_id: string | null;
  created_at: string;
};

/** 领导接待日: a leader receives petitioners at a unit on a published day, time and place. */
export type ReceptionDayTable = {
  id: string;
  unit_id: string;
  leader_id: string;
  date: string;
  start_time: string;
  end_time: string;
  place: string;
  topic: string;
  cancelled: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

export type IncidentEntryTable = {
  id: string;
  incident_id: string;
  kind: TimelineKind;
  occurred_at: string;
  text: string;
  headcount: number | null;
  outside_body: string | null;
  recorded_by: string;
  created_at: string;
};

export type IncidentTaskTable = {
  id: string;
  incident_id: string;
  title: string;
  assignee_id: string;
  assigned_by: string;
  assigned_at: string;
  confirmed_at: string | null;
};

/** 协作单位: a body the enterprise works with on petitions (township, social insurance, union …). */
export type PartnerOrganisationTable = {
  id: string;
  unit_id: string;
  kind: string;
  name: string;
  contact: string | null;
  active: number;
  created_at: string;
};
export type PartnerMemberTable = { user_id: string; organisation_id: string };
/** 联合接访: a joint reception session; partners read its cases until `access_until`. */
export type PartnerSessionTable = {
  id: string;
  unit_id: string;
  title: string;
  place: string;
  starts_at: string;
  ends_at: string;
  access_until: string;
  created_by: string;
  created_at: string;
};
export type PartnerSessionMemberTable = { session_id: string; user_id: string; part: 'partner' | 'leader' };
export type PartnerSessionCaseTable = { petition_id: string; session_id: string; created_at: string };
/** 干部培训 (第16条): a course, the roles it binds (JSON), its optional test (questions with answers, JSON). */
export type TrainingCourseTable = {
  id: string;
  unit_id: string;
  title: string;
  required_roles_json: string;
  hours: number;
  validity_months: number | null;
  pass_mark: number | null;
  questions_json: string | null;
  active: number;
  created_by: string;
  created_at: string;
};
export type TrainingSessionTable = {
  id: string;
  course_id: string;
  unit_id: string;
  held_on: string;
  trainer: string;
  place: string | null;
  created_by: string;
  created_at: string;
};
/** One attendee of a session: attendance (null until recorded) and the server's score of the last test. */
export type TrainingAttendeeTable = {
  session_id: string;
  user_id: string;
  attended: number | null;
  attendance_recorded_at: string | null;
  score: number | null;
  passed: number | null;
  test_taken_at: string | null;
};
export type TrainingCertificateTable = {
  id: string;
  user_id: string;
  course_id: string;
  session_id: string;
  issued_on: string;
  expires_on: string | null;
  issued_by: string;
  created_at: string;
};
export type TrainingOnboardingStepTable = { user_id: string; step_id: string; done_at: string };

/** 企地联调: a matter between the enterprise and a locality, its agreement and state. */
export type MediationMatterTable = {
  id: string;
  unit_id: string;
  title: string;
  topic: string;
  locality: string;
  organisation_id: string | null;
  state: 'open' | 'closed';
  agreement_text: string | null;
  agreement_signed_on: string | null;
  created_by: string;
  created_at: string;
  closed_at: string | null;
};
export type MediationMatterPetitionTable = { matter_id: string; petition_id: string };
export type MediationMeetingTable = {
  id: string;
  matter_id: string;
  held_at: string;
  place: string;
  parties: string;
  minutes: string;
  recorded_by: string;
  created_at: string;
};
export type MediationObligationTable = {
  id: string;
  matter_id: string;
  seq: number;
  party: 'enterprise' | 'locality';
  description: string;
  due_on: string;
  fulfilled_on: string | null;
  evidence: string | null;
  fulfilled_by: string | null;
};

export type ConsultationTable = {
  id: string;
  unit_id: string;
  title: string;
  body: string;
  deadline: string;
  decision: string | null;
  decided_at: string | null;
  decided_by: string | null;
  created_by: string;
  created_at: string;
};
export type ConsultationUnitTable = { consultation_id: string; unit_id: string };
export type ConsultationAttachmentTable = {
  id: string;
  consultation_id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string;
  created_at: string;
};
export type ConsultationCommentTable = {
  id: string;
  consultation_id: string;
  person_key: string;
  unit_id: string;
  anonymous: number;
  name: string | null;
  body: string;
  created_at: string;
  answer: string | null;
  reason: string | null;
  answered_by: string | null;
  answered_at: string | null;
};
export type PublicityActivityTable = {
  id: string;
  unit_id: string;
  kind: string;
  title: string;
  summary: string;
  held_on: string;
  people_reached: number;
  published: number;
  knowledge_ref: string | null;
  created_by: string;
  created_at: string;
};
export type PublicityUnitTable = { activity_id: string; unit_id: string };
export type PublicityTopicTable = { activity_id: string; category_code: string };

export type DB = {
  screening_campaign: ScreeningCampaignTable;
  screening_return: ScreeningReturnTable;
  hazard: HazardTable;
  hazard_measure: HazardMeasureTable;
  hazard_note: HazardNoteTable;
  hazard_petition: HazardPetitionTable;
  unit: UnitTable;
  daily_report: DailyReportTable;
  daily_report_item: DailyReportItemTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_guard: LoginGuardTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  setting_value: SettingValueTable;
  field_key_check: FieldKeyCheckTable;
  category: CategoryTable;
  petitioner: PetitionerTable;
  petition: PetitionTable;
  petition_rollup: PetitionRollupTable;
  petition_petitioner: PetitionPetitionerTable;
  petition_named_person: PetitionNamedPersonTable;
  petition_unit: PetitionUnitTable;
  petition_co_handler: PetitionCoHandlerTable;
  conflict_declaration: ConflictDeclarationTable;
  petition_event: PetitionEventTable;
  attachment: AttachmentTable;
  notification: NotificationTable;
  calendar_day: CalendarDayTable;
  job_lease: JobLeaseTable;
  case_counter: CaseCounterTable;
  ledger_mapping: LedgerMappingTable;
  ledger_import: LedgerImportTable;
  stored_file: StoredFileTable;
  rate_limit_hit: RateLimitHitTable;
  petition_import_source: PetitionImportSourceTable;
  document_template: DocumentTemplateTable;
  petition_document: PetitionDocumentTable;
  document_sequence: DocumentSequenceTable;
  petition_message: PetitionMessageTable;
  petition_evaluation: PetitionEvaluationTable;
  outbox_message: OutboxMessageTable;
  outbox_attempt: OutboxAttemptTable;
  portal_challenge_spent: PortalChallengeSpentTable;
  portal_guard: PortalGuardTable;
  sensitive_period: SensitivePeriodTable;
  warning: WarningTable;
  appraisal_scheme: AppraisalSchemeTable;
  appraisal_round: AppraisalRoundTable;
  appraisal_result: AppraisalResultTable;
  appraisal_evidence: AppraisalEvidenceTable;
  accountability_record: AccountabilityRecordTable;
  warning_analysis: WarningAnalysisTable;
  petition_search: PetitionSearchTable;
  petition_fingerprint: PetitionFingerprintTable;
  petition_text_sample: PetitionTextSampleTable;
  text_model: TextModelTable;
  visit_record: VisitRecordTable;
  call_record: CallRecordTable;
  duty_shift: DutyShiftTable;
  duty_swap: DutySwapTable;
  duty_log_entry: DutyLogEntryTable;
  reception_day: ReceptionDayTable;
  emergency_plan: EmergencyPlanTable;
  incident: IncidentTable;
  incident_entry: IncidentEntryTable;
  incident_task: IncidentTaskTable;
  partner_organisation: PartnerOrganisationTable;
  partner_member: PartnerMemberTable;
  partner_session: PartnerSessionTable;
  partner_session_member: PartnerSessionMemberTable;
  partner_session_case: PartnerSessionCaseTable;
  mediation_matter: MediationMatterTable;
  mediation_matter_petition: MediationMatterPetitionTable;
  mediation_meeting: MediationMeetingTable;
  mediation_obligation: MediationObligationTable;
  knowledge_document: KnowledgeDocumentTable;
  knowledge_article: KnowledgeArticleTable;
  knowledge_article_version: KnowledgeArticleVersionTable;
  knowledge_article_category: KnowledgeArticleCategoryTable;
  knowledge_search: KnowledgeSearchTable;
  training_course: TrainingCourseTable;
  training_session: TrainingSessionTable;
  training_attendee: TrainingAttendeeTable;
  training_certificate: TrainingCertificateTable;
  training_onboarding_step: TrainingOnboardingStepTable;
  consultation: ConsultationTable;
  consultation_unit: ConsultationUnitTable;
  consultation_attachment: ConsultationAttachmentTable;
  consultation_comment: ConsultationCommentTable;
  publicity_activity: PublicityActivityTable;
  publicity_unit: PublicityUnitTable;
  publicity_topic: PublicityTopicTable;
};

export type Db = Kysely<DB>;
