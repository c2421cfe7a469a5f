/**
 * The SMS outbox: texts (a filing receipt with its tracking code) wait here encrypted until a
 * dispatcher hands them to the enterprise's SMS gateway. The gateway is an HTTP endpoint the
 * deployment names (XINFANG_SMS_WEBHOOK_URL, receiving `{ phone, text }` as JSON); without one the
 * texts stay pending and nothing pretends to send them. Once sent, the text is blanked so the
 * tracking code does not outlive its delivery.
 */
import { maskPhone } from '../../../common/domain/identity.ts';
import type { PetitionDeps } from '../petition/index.ts';

export type SmsSender = (message: { phone: string; text: string }) => Promise<void>;

/** POST `{ phone, text }` to the gateway; any non-2xx answer is a failure to retry. */
export function webhookSmsSender(url: string, timeoutMs = 10_000): SmsSender {
  return async (message) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  };
}

const MAX_ATTEMPTS = 5;

/** Send up to `limit` pending texts; returns how many were sent. A text failing 5 times is marked failed. */
export async function dispatchSms(
  deps: Pick<PetitionDeps, 'db' | 'clock' | 'log' | 'cipher'>,
  send: SmsSender,
  limit = 50,
): Promise<number> {
  const pending = await deps.db
    .selectFrom('sms_outbox')
    .selectAll()
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .limit(limit)
    .execute();
  let sent = 0;
  for (const row of pending) {
    const phone = deps.cipher.decrypt(row.phone_enc);
    try {
      await send({ phone, text: deps.cipher.decrypt(row.body_enc) });
      await deps.db
        .updateTable('sms_outbox')
        .set({ status: 'sent', sent_at: deps.clock.now().toISOString(), body_enc: '', attempts: row.attempts + 1 })
        .where('id', '=', row.id)
        .execute();
      sent += 1;
    } catch (error) {
      const attempts = row.attempts + 1;
      await deps.db
        .updateTable('sms_outbox')
        .set({ attempts, status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending' })
        .where('id', '=', row.id)
        .execute();
      deps.log.warn(
        {
          category: 'sms',
          phone: maskPhone(phone),
          attempts,
          err: error instanceof Error ? error.message : String(error),
        },
        'SMS not sent',
      );
    }
  }
  return sent;
}
