/**
 * 征求意见 and 普法宣传 on the portal (issue #17), loaded only when opened so the first load keeps its
 * budget: the drafts, one draft with the comment form (one per person: the phone number checks it and
 * is not stored; named or anonymous; the portal's proof of work as for filing), and once decided the
 * adoption summary; the published publicity items.
 */
import { useEffect, useMemo, useState, type ReactNode, type SyntheticEvent } from 'react';
import {
  PortalCommentReceiptViewSchema,
  PortalConsultationListViewSchema,
  PortalConsultationViewSchema,
  type PortalConsultationListView,
  type PortalConsultationView,
} from '../../../common/schemas/consultation.ts';
import type { PortalConfigView } from '../../../common/schemas/portal.ts';
import { PortalPublicityListViewSchema, type PortalPublicityListView } from '../../../common/schemas/publicity.ts';
import { ApiError } from '../api/api-error.ts';
import { call, getChallenge } from './api.ts';
import { errorText, format, t, ui } from './labels.ts';
import { Link } from './Link.tsx';
import { solveInWorker } from './pow-client.ts';
import { PORTAL_CONSULTATIONS, PORTAL_PUBLICITY } from './router.ts';

const c = t.consultation;

function failureText(caught: unknown): string {
  if (!(caught instanceof ApiError)) return errorText('INTERNAL');
  if (caught.network) return ui.networkError;
  if (caught.code === 'RATE_LIMITED') return ui.tooMany;
  return errorText(caught.code);
}

function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: string | null } {
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (caught: unknown) => live && setState({ data: null, error: failureText(caught) }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return state;
}

/** The page of a path under /portal/consultations or /portal/publicity. */
export default function ConsultationPages({ pathname, config }: { pathname: string; config: PortalConfigView }) {
  if (pathname === PORTAL_PUBLICITY) return <PublicityList />;
  const id = pathname.slice(PORTAL_CONSULTATIONS.length + 1);
  return id === '' ? <ConsultationList /> : <ConsultationDetail id={decodeURIComponent(id)} config={config} />;
}

function ConsultationList() {
  const { data, error } = useLoad(() => call('GET', '/api/portal/consultations', PortalConsultationListViewSchema), []);
  return (
    <section className="pt-card">
      <h2>{c.listTitle}</h2>
      {error !== null && <p className="pt-alert pt-alert-error">{error}</p>}
      {data?.items.length === 0 && <p className="pt-muted">{c.none}</p>}
      <ul className="pt-timeline" data-testid="portal-consultations">
        {data?.items.map((item: PortalConsultationListView['items'][number]) => (
          <li key={item.id}>
            <Link to={`${PORTAL_CONSULTATIONS}/${encodeURIComponent(item.id)}`} className="pt-strong">
              {item.title}
            </Link>
            <p className="pt-muted">
              <span className="pt-badge">{c.stages[item.stage]}</span> {format(c.deadline, { date: item.deadline })} ·{' '}
              {item.unitName}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The public units a worker under the units asked may name (each asked unit and everything under it). */
function unitsUnder(config: PortalConfigView, asked: readonly string[]): PortalConfigView['units'] {
  const parent = new Map(config.units.map((u) => [u.code, u.parentCode]));
  const within = (code: string): boolean => {
    for (let at: string | null | undefined = code; at !== null && at !== undefined; at = parent.get(at))
      if (asked.includes(at)) return true;
    return false;
  };
  return config.units.filter((u) => within(u.code));
}

function ConsultationDetail({ id, config }: { id: string; config: PortalConfigView }) {
  const { data, error } = useLoad(
    () => call('GET', `/api/portal/consultations/${encodeURIComponent(id)}`, PortalConsultationViewSchema),
    [id],
  );
  if (error !== null) return <p className="pt-alert pt-alert-error">{error}</p>;
  if (data === null) return <p className="pt-muted">{ui.loading}</p>;
  return (
    <>
      <section className="pt-card" data-testid="portal-consultation">
        <h2>{data.title}</h2>
        <p className="pt-muted">
          <span className="pt-badge">{c.stages[data.stage]}</span> {format(c.deadline, { date: data.deadline })}
        </p>
        <p className="pt-muted">{format(c.from, { unit: data.unitName })}</p>
        <p className="pt-muted">{format(c.unitsAsked, { units: data.units.map((u) => u.name).join('、') })}</p>
        <p className="pt-text">{data.body}</p>
        {data.attachments.length > 0 && (
          <p>
            <span className="pt-muted">{c.attachments}</span>{' '}
            {data.attachments.map((a) => (
              <a
                key={a.id}
                href={`/api/portal/consultations/${encodeURIComponent(id)}/attachments/${encodeURIComponent(a.id)}`}
              >
                {a.fileName}{' '}
              </a>
            ))}
          </p>
        )}
      </section>
      {data.summary !== null && <Summary summary={data.summary} />}
      {data.stage === 'open' && <CommentForm view={data} config={config} />}
      {data.stage === 'closed' && <p className="pt-alert pt-alert-warning">{c.closedNotice}</p>}
    </>
  );
}

function Summary({ summary }: { summary: NonNullable<PortalConsultationView['summary']> }) {
  return (
    <section className="pt-card" data-testid="portal-summary">
      <h2>{c.summaryTitle}</h2>
      <p className="pt-strong">{format(c.counts, summary.counts)}</p>
      <h3>{c.decision}</h3>
      <p className="pt-text">{summary.decision}</p>
      <ul className="pt-timeline">
        {summary.suggestions.map((s, index) => (
          <li key={index} data-testid="portal-suggestion">
            <p className="pt-text">{s.body}</p>
            <p>
              <span className="pt-badge">{c.answers[s.answer]}</span>{' '}
              <span className="pt-muted">{format(c.reason, { reason: s.reason })}</span>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

type Values = { phone: string; anonymous: boolean; name: string; unitCode: string; body: string };

function CommentForm({ view, config }: { view: PortalConsultationView; config: PortalConfigView }) {
  const units = useMemo(
    () =>
      unitsUnder(
        config,
        view.units.map((u) => u.code),
      ),
    [config, view.units],
  );
  const [values, setValues] = useState<Values>({ phone: '', anonymous: false, name: '', unitCode: '', body: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof Values, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const set = <K extends keyof Values>(key: K, value: Values[K]) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    const found: Partial<Record<keyof Values, string>> = {};
    if (!/^1[3-9]\d{9}$/.test(values.phone.replace(/[\s-]/g, ''))) found.phone = ui.fieldErrors.phone;
    if (values.unitCode === '') found.unitCode = c.unitPick;
    if (!values.anonymous && values.name.trim() === '') found.name = ui.fieldErrors.name;
    if (values.body.trim().length < 5) found.body = c.bodyShort;
    if (Object.keys(found).length > 0) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      const challenge = await getChallenge();
      const solved = await solveInWorker({ challenge: challenge.challenge, bits: challenge.bits }, () => undefined);
      await call(
        'POST',
        `/api/portal/consultations/${encodeURIComponent(view.id)}/comments`,
        PortalCommentReceiptViewSchema,
        {
          phone: values.phone,
          anonymous: values.anonymous,
          ...(values.anonymous ? {} : { name: values.name.trim() }),
          unitCode: values.unitCode,
          body: values.body.trim(),
          challenge: challenge.challenge,
          nonce: solved.nonce,
        },
      );
      setDone(true);
    } catch (caught) {
      const issue = caught instanceof ApiError ? caught.details?.['issues'] : undefined;
      const field = Array.isArray(issue) ? (issue[0] as { path?: unknown[] } | undefined)?.path?.[0] : undefined;
      if (field === 'phone' || field === 'unitCode' || field === 'name' || field === 'body')
        setErrors({ [field]: failureText(caught) });
      else setFormError(failureText(caught));
    } finally {
      setBusy(false);
    }
  };

  if (done)
    return (
      <p className="pt-alert pt-alert-warning" data-testid="portal-comment-done">
        {c.submitted}
      </p>
    );
  return (
    <form className="pt-card pt-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{c.commentTitle}</h2>
      <p className="pt-muted">{c.onePerPerson}</p>
      <fieldset className="pt-segmented" disabled={busy}>
        <legend className="pt-sr-only">{c.named}</legend>
        {([false, true] as const).map((anonymous) => (
          <label key={String(anonymous)} className={values.anonymous === anonymous ? 'pt-chosen' : ''}>
            <input
              type="radio"
              name="anonymous"
              checked={values.anonymous === anonymous}
              onChange={() => set('anonymous', anonymous)}
              data-testid={anonymous ? 'comment-anonymous' : 'comment-named'}
            />
            {anonymous ? c.anonymous : c.named}
          </label>
        ))}
      </fieldset>
      {!values.anonymous && (
        <Field id="pt-c-name" label={c.name} error={errors.name}>
          <input
            id="pt-c-name"
            value={values.name}
            maxLength={40}
            onChange={(e) => set('name', e.target.value)}
            disabled={busy}
          />
        </Field>
      )}
      <Field id="pt-c-phone" label={c.phone} error={errors.phone}>
        <input
          id="pt-c-phone"
          type="tel"
          inputMode="tel"
          value={values.phone}
          maxLength={20}
          onChange={(e) => set('phone', e.target.value)}
          disabled={busy}
        />
      </Field>
      <Field id="pt-c-unit" label={c.unit} error={errors.unitCode}>
        <select
          id="pt-c-unit"
          value={values.unitCode}
          onChange={(e) => set('unitCode', e.target.value)}
          disabled={busy}
        >
          <option value="">{c.unitPick}</option>
          {units.map((u) => (
            <option key={u.code} value={u.code}>
              {u.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id="pt-c-body" label={c.body} error={errors.body}>
        <textarea
          id="pt-c-body"
          rows={5}
          maxLength={2000}
          value={values.body}
          onChange={(e) => set('body', e.target.value)}
          disabled={busy}
        />
      </Field>
      {formError !== null && <p className="pt-alert pt-alert-error">{formError}</p>}
      <button type="submit" className="pt-button pt-primary pt-wide" disabled={busy} data-testid="comment-submit">
        {busy ? ui.loading : c.submit}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={error === undefined ? 'pt-field' : 'pt-field pt-has-error'} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error !== undefined && (
        <p className="pt-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function PublicityList() {
  const { data, error } = useLoad(() => call('GET', '/api/portal/publicity', PortalPublicityListViewSchema), []);
  return (
    <section className="pt-card">
      <h2>{c.publicityTitle}</h2>
      {error !== null && <p className="pt-alert pt-alert-error">{error}</p>}
      {data?.items.length === 0 && <p className="pt-muted">{c.publicityNone}</p>}
      {data?.items.map((item: PortalPublicityListView['items'][number]) => (
        <details key={item.id} className="pt-guidance" data-testid="portal-publicity-item">
          <summary>
            <span className="pt-badge">{c.kinds[item.kind]}</span> {item.title}
          </summary>
          <p className="pt-muted">
            {item.heldOn} · {item.categories.join('、')}
          </p>
          <p className="pt-text">{item.summary}</p>
        </details>
      ))}
    </section>
  );
}
