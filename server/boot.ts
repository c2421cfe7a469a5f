/**
 * The start-up sequence shared by the server and the command line: open the database, migrate,
 * and (in demo mode) load the demo enterprise into an empty database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { migrateToLatest, openDatabase, refreshPlannerStatistics, type Database } from './db/database.ts';
import type { DB } from './db/schema.ts';
import { seedDemoEnterprise } from './demo/demo-enterprise.ts';
import { seedDemoPetitions } from './demo/demo-petitions.ts';
import { seedDemoKnowledge } from './demo/demo-knowledge.ts';
import { seedDemoDuty } from './demo/demo-duty.ts';
import { demoOfficer, seedDemoHistory } from './demo/demo-history.ts';
import { seedDemoReports } from './demo/demo-reports.ts';
import { seedDemoAppraisal } from './demo/demo-appraisal.ts';
import { seedDemoPrevention } from './demo/demo-prevention.ts';
import { seedDemoEmergency } from './demo/demo-emergency.ts';
import { seedDemoTraining } from './demo/demo-training.ts';
import { seedDemoPartners } from './demo/demo-partners.ts';
import { seedDemoConsultation } from './demo/demo-consultation.ts';
import { scanWarnings } from './modules/warning/index.ts';
import { ensureDefaultTaxonomy } from './modules/category/index.ts';
import { ensureBuiltInKnowledge } from './modules/knowledge/index.ts';
import { createTextModelCache, ensureClassifier, ensureRepeatIndex } from './modules/text/index.ts';
import { findRootUnit } from './modules/unit/index.ts';
import { findEncryptedIdentity } from './modules/petitioner/index.ts';
import { createFieldCipher, deriveKeys, fieldKeyCheckValue, type FieldCipher } from './platform/crypto.ts';
import { checkFieldKey, FieldKeyMismatchError, type FieldKey } from './platform/field-key.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import type { OutboundChannels, ServiceDeps } from './platform/deps.ts';
import type { PetitionDeps } from './modules/petition/index.ts';
import {
  signedWebhookSender,
  smsGatewaySender,
  smtpSender,
  wecomRobotSender,
  type Senders,
} from './modules/notification/index.ts';
import { fileStoreFor, type FileStore } from './platform/file-store.ts';
import { randomToken, ulidGenerator } from './platform/ids.ts';
import type { Logger } from './platform/logger.ts';
import { argon2Hasher } from './platform/passwords.ts';
import { makePrivateDir, restrictToOwner } from './platform/private-files.ts';

export type Booted = { database: Database; deps: ServiceDeps; cipher: FieldCipher; seeded: boolean; empty: boolean };

/**
 * The field-encryption secret: XINFANG_SECRET, or in demo mode a random one kept in
 * `<dataDir>/secret.key` (created once, 0600 in a data directory created 0700; an older, wider
 * file is narrowed) so restarts can still decrypt.
 */
export function resolveSecret(config: Pick<Config, 'secret' | 'dataDir'>): string {
  if (config.secret !== null) return config.secret;
  const file = path.join(config.dataDir, 'secret.key');
  if (!fs.existsSync(file)) {
    makePrivateDir(config.dataDir);
    // 'wx': two instances starting at once must not each write a different key.
    try {
      fs.writeFileSync(file, randomToken(48), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  restrictToOwner(file);
  return fs.readFileSync(file, 'utf8').trim();
}

/** The outbound channels this configuration can deliver. */
export function outboundOf(config: Pick<Config, 'smsWebhookUrl' | 'smtpUrl' | 'webhookUrl'>): OutboundChannels {
  return { sms: config.smsWebhookUrl !== null, email: config.smtpUrl !== null, webhook: config.webhookUrl !== null };
}

/** The senders for those channels (the 企业微信 robot needs none: its URL is each unit's setting). */
export function sendersOf(config: Config): Senders {
  return {
    wecom: wecomRobotSender(),
    ...(config.smsWebhookUrl === null ? {} : { sms: smsGatewaySender(config.smsWebhookUrl) }),
    ...(config.smtpUrl === null ? {} : { email: smtpSender(config.smtpUrl, config.mailFrom) }),
    ...(config.webhookUrl === null || config.webhookSecret === null
      ? {}
      : { webhook: signedWebhookSender(config.webhookUrl, config.webhookSecret) }),
  };
}

/**
 * The field key of this deployment, checked against the stored identity data (platform/field-key.ts).
 * A missing demo key file is refused before a new one is generated when the database already holds
 * data encrypted with the old one.
 * @throws FieldKeyMismatchError when the key is missing or is not the key of the stored data
 */
export async function openFieldKey(
  config: Pick<Config, 'secret' | 'dataDir'>,
  db: Kysely<DB>,
  clock: Clock,
): Promise<FieldKey> {
  const keyFile = path.join(config.dataDir, 'secret.key');
  const sample = async () => (await findEncryptedIdentity(db))?.ciphertext ?? null;
  if (config.secret === null && !fs.existsSync(keyFile) && (await sample()) !== null) {
    throw new FieldKeyMismatchError(
      `${keyFile} is missing, but this database holds ID numbers and phones encrypted with it; put it back (the backup has it) or set XINFANG_SECRET to that key — a new key cannot decrypt them`,
    );
  }
  const secret = resolveSecret(config);
  const keys = deriveKeys(secret);
  const key: FieldKey = {
    cipher: createFieldCipher(keys.encryptionKey, keys.indexKey),
    checkValue: fieldKeyCheckValue(secret),
    source: config.secret === null ? keyFile : 'XINFANG_SECRET',
  };
  await checkFieldKey({ db, clock }, key, sample);
  return key;
}

/** The deployment's file store: XINFANG_FILE_STORE, else the database on PostgreSQL and `<dataDir>/attachments` on SQLite. */
export function filesOf(config: Config, database: Database, clock: Clock): FileStore {
  return fileStoreFor(database, clock, path.join(config.dataDir, 'attachments'), config.fileStore);
}

/** A replica that cannot be reached is logged at most once a minute (its reads go to the primary meanwhile). */
function replicaWarning(logger: Logger): (error: unknown) => void {
  let last = 0;
  return (error) => {
    if (Date.now() - last < 60_000) return;
    last = Date.now();
    logger.warn({ category: 'db', err: error }, 'read replica unreachable: reading from the primary');
  };
}

/**
 * What the text features need and an upgrade or an import may have left missing: the repeat index
 * by containment (migration 110 cleared the fingerprints, issue #19) and the category model (trained
 * once from the petitions on file when there is none, issue #6). Quick when nothing is missing; run
 * after the server listens (server/jobs.ts), never before: at a million petitions filling the index
 * takes minutes, and the server answered no /api/health meanwhile (issue #20).
 */
export async function catchUpText(
  deps: PetitionDeps,
  logger: Logger,
): Promise<{ fingerprinted: number; trained: boolean }> {
  const fingerprinted = await ensureRepeatIndex(deps.db);
  if (fingerprinted > 0) logger.info({ category: 'text', fingerprinted }, 'repeat index filled');
  const trained =
    (await findRootUnit(deps.db)) !== undefined &&
    (await ensureClassifier({ ...deps, models: createTextModelCache() }));
  if (trained) logger.info({ category: 'text' }, 'category model trained');
  return { fingerprinted, trained };
}

export async function boot(config: Config, logger: Logger, clock: Clock = systemClock): Promise<Booted> {
  const database = openDatabase(config.database, { onReplicaError: replicaWarning(logger) });
  try {
    const migrated = await migrateToLatest(database);
    for (const result of migrated.results ?? []) {
      logger.info({ category: 'db', migration: result.migrationName, status: result.status }, 'migration');
    }
    // Before the first list is planned: statistics for indexes a migration built, or a database never analysed.
    await refreshPlannerStatistics(database, true);
    // Before anything reads or writes identity data: refuse a key that cannot decrypt it.
    const { cipher } = await openFieldKey(config, database.db, clock);
    const deps: ServiceDeps = {
      db: database.db,
      dialect: database.dialect,
      clock,
      ids: ulidGenerator(() => clock.now().getTime()),
      log: logger,
      hasher: argon2Hasher(config.passwordHashMemoryKib),
      cipher,
      outbound: outboundOf(config),
    };
    const petitionDeps = { ...deps, files: filesOf(config, database, clock) };
    const categories = await ensureDefaultTaxonomy(database.db);
    if (categories > 0) logger.info({ category: 'seed', categories }, 'default category taxonomy loaded');
    // 《信访工作条例》 in the 法规政策库, so a reply can cite it from the first day (issue #17).
    const articles = await ensureBuiltInKnowledge(deps);
    if (articles > 0) logger.info({ category: 'seed', articles }, 'built-in regulation loaded');
    let seeded = false;
    let empty = (await findRootUnit(database.db)) === undefined;
    if (empty && config.demo) {
      const counts = await seedDemoEnterprise(deps);
      // 法规政策库: the wage laws, the group's pay policy, a 答复口径 and a 典型案例 (issue #17).
      const knowledge = await seedDemoKnowledge(deps);
      logger.info({ category: 'seed', ...knowledge }, 'demo knowledge base loaded');
      // XINFANG_DEMO_PETITIONS=false: the demo organisation without its petitions (an empty enterprise, e.g. to import a ledger).
      const petitions = config.demoPetitions ? await seedDemoPetitions(petitionDeps, clock.now()) : 0;
      if (config.demoPetitions) {
        // A year of history for the dashboard, then one warning scan so the demo opens with its warnings.
        const history = await seedDemoHistory(petitionDeps, await demoOfficer(database.db), clock.now());
        await scanWarnings(petitionDeps);
        // A week of daily reports, so the morning view (晨报) opens with something to read.
        const reports = await seedDemoReports(deps, clock.now());
        await seedDemoAppraisal(petitionDeps, clock.now());
        logger.info({ category: 'seed', history: history.petitions, reports }, 'demo history loaded');
        // 源头预防: the network of a 区队, a campaign being answered, hazards kept and cleared (issue #15).
        const prevention = await seedDemoPrevention(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...prevention }, 'demo screening loaded');
        const duty = await seedDemoDuty(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...duty }, 'demo duty roster loaded');
        const emergency = await seedDemoEmergency(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...emergency }, 'demo emergency plans loaded');
        const partners = await seedDemoPartners(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...partners }, 'demo partners loaded');
        const training = await seedDemoTraining(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...training }, 'demo training loaded');
        const consultation = await seedDemoConsultation(petitionDeps, clock.now());
        logger.info({ category: 'seed', ...consultation }, 'demo consultations and publicity loaded');
      }
      logger.info({ category: 'seed', ...counts, petitions }, 'demo enterprise loaded');
      seeded = true;
      empty = false;
    }
    // A demo just loaded is small: its category model is trained here, so the first suggestion has one.
    // Any other database catches up after the server listens (catchUpText, a scheduled job).
    if (seeded) await catchUpText(petitionDeps, logger);
    return { database, deps, cipher, seeded, empty };
  } catch (error) {
    await database.close();
    throw error;
  }
}
