import { useState, type SyntheticEvent } from 'react';
import type { PortalCaseKey, PortalCaseView } from '../../../common/schemas/portal.ts';
import { downloadDocx, evaluateReply, requestReconsideration, requestReview, sendMessage } from './api.ts';
import { dateOf, format, localDate, t, timeOf, ui } from './labels.ts';
import { failureText } from './failure.ts';

type Props = { caseKey: PortalCaseKey; view: PortalCaseView; onChange: (view: PortalCaseView) => void };
type Scale = keyof typeof ui.scale;
const SCALE: readonly Scale[] = ['1', '2', '3', '4', '5'];
/** Time limits that bind the petitioner, not the office: while open, they are a right still to use. */
const PETITIONER_WINDOWS = new Set<string>(['review_request', 'reconsideration_request']);

/**
 * One case as its petitioner sees it: status in plain words, the public steps, the office's time
 * limits, written replies (readable here, downloadable as Word), messages, evaluation and review.
 */
export function CaseView({ caseKey, view, onChange }: Props) {
  return (
    <div className="pt-case" data-testid="portal-case">
      <section className="pt-card">
        <p className="pt-muted">
          {ui.caseNumber} <span data-testid="portal-case-number">{view.caseNumber}</span>
        </p>
        <h1 className="pt-case-title">{view.title}</h1>
        <p className="pt-status">
          <span className="pt-muted">{ui.status}</span>
          <strong data-testid="portal-case-state">{t.states[view.state]}</strong>
        </p>
        <p className="pt-muted">
          {ui.receivedOn} {dateOf(view.receivedAt)}
          {view.categoryName !== null && ` · ${view.categoryName}`}
        </p>
      </section>

      <Replies caseKey={caseKey} view={view} />

      {(view.evaluation.allowed || view.evaluation.recorded !== null) && (
        <Evaluation caseKey={caseKey} view={view} onChange={onChange} />
      )}
      {view.review.allowed && <Review step="review" caseKey={caseKey} view={view} onChange={onChange} />}
      {view.reconsideration.allowed && (
        <Review step="reconsideration" caseKey={caseKey} view={view} onChange={onChange} />
      )}

      <Messages caseKey={caseKey} view={view} onChange={onChange} />

      <section className="pt-card">
        <h2>{ui.timeline}</h2>
        <ol className="pt-timeline" data-testid="portal-timeline">
          {view.timeline.map((step, index) => (
            <li key={index}>
              <span>{t.events[step.kind] ?? step.kind}</span>
              <time className="pt-muted">{timeOf(step.at)}</time>
            </li>
          ))}
        </ol>
      </section>

      {view.deadlines.length > 0 && (
        <section className="pt-card">
          <h2>{ui.deadlines}</h2>
          <ul className="pt-deadlines" data-testid="portal-deadlines">
            {view.deadlines.map((deadline, index) => (
              <li key={index} className={`pt-deadline-${deadline.status}`}>
                <span>{t.deadlineKinds[deadline.kind]}</span>
                <span>{format(ui.deadlineDue, { date: localDate(deadline.dueDate) })}</span>
                <span className="pt-badge">
                  {deadline.status === 'open' && PETITIONER_WINDOWS.has(deadline.kind)
                    ? t.windowOpen
                    : t.deadlineStatus[deadline.status]}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Replies({ caseKey, view }: { caseKey: PortalCaseKey; view: PortalCaseView }) {
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="pt-card" data-testid="portal-replies">
      <h2>{ui.replies}</h2>
      {view.documents.length === 0 && <p className="pt-muted">{ui.noReplies}</p>}
      {view.documents.map((document) => (
        <article key={document.id} className="pt-document">
          <h3>{document.content.title}</h3>
          <p className="pt-muted pt-center">{document.content.number}</p>
          {document.content.addressee !== '' && <p>{document.content.addressee}</p>}
          {document.content.paragraphs.map((paragraph, index) => (
            <p key={index} className="pt-paragraph">
              {paragraph}
            </p>
          ))}
          <p className="pt-right">{document.content.issuingUnit}</p>
          <p className="pt-right">{document.content.issueDate}</p>
          <button
            type="button"
            className="pt-button pt-secondary pt-wide"
            onClick={() => {
              setError(null);
              downloadDocx(caseKey, document.id, `${document.content.number || caseKey.caseNumber}.docx`).catch(
                (caught: unknown) => setError(failureText(caught)),
              );
            }}
            data-testid="portal-docx"
          >
            {ui.download}
          </button>
        </article>
      ))}
      {error !== null && (
        <p className="pt-alert pt-alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

/** Runs one action on the case and shows its failure in place. */
function useAction(onChange: (view: PortalCaseView) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<PortalCaseView>, after?: () => void) => {
    setBusy(true);
    setError(null);
    action().then(
      (next) => {
        setBusy(false);
        onChange(next);
        after?.();
      },
      (caught: unknown) => {
        setBusy(false);
        setError(failureText(caught));
      },
    );
  };
  return { busy, error, setError, run };
}

function Messages({ caseKey, view, onChange }: Props) {
  const [body, setBody] = useState('');
  const { busy, error, run } = useAction(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (body.trim() === '') return;
    run(
      () => sendMessage(caseKey, body.trim()),
      () => setBody(''),
    );
  };
  return (
    <section className="pt-card">
      <h2>{ui.messages}</h2>
      {view.messages.length === 0 && <p className="pt-muted">{ui.noMessages}</p>}
      <ul className="pt-messages" data-testid="portal-messages">
        {view.messages.map((message) => (
          <li key={message.id} className={message.direction === 'in' ? 'pt-message-mine' : 'pt-message-office'}>
            <span className="pt-message-who">
              {message.direction === 'in' ? ui.fromMe : ui.fromOffice} · {timeOf(message.at)}
            </span>
            <p className="pt-text">{message.body}</p>
          </li>
        ))}
      </ul>
      <form onSubmit={submit} className="pt-form pt-compact">
        <label htmlFor="pt-message" className="pt-sr-only">
          {ui.messages}
        </label>
        <textarea
          id="pt-message"
          rows={3}
          maxLength={2000}
          placeholder={ui.messagePlaceholder}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          data-testid="portal-message-body"
        />
        {error !== null && (
          <p className="pt-alert pt-alert-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="pt-button pt-primary pt-wide"
          disabled={busy || body.trim() === ''}
          data-testid="portal-message-send"
        >
          {ui.send}
        </button>
      </form>
    </section>
  );
}

function Evaluation({ caseKey, view, onChange }: Props) {
  const [score, setScore] = useState<Scale | null>(null);
  const [comment, setComment] = useState('');
  const { busy, error, run } = useAction(onChange);
  const recorded = view.evaluation.recorded;
  if (recorded !== null && !view.evaluation.allowed) {
    const label = ui.scale[String(recorded.satisfaction) as Scale];
    return (
      <section className="pt-card" data-testid="portal-evaluation">
        <h2>{ui.evaluation}</h2>
        <p data-testid="portal-evaluation-recorded">
          <strong>{format(ui.evaluated, { label })}</strong>
        </p>
        {recorded.comment !== null && <p className="pt-text">{recorded.comment}</p>}
        <p className="pt-muted">{timeOf(recorded.at)}</p>
      </section>
    );
  }
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (score === null) return;
    run(() => evaluateReply(caseKey, Number(score), comment));
  };
  return (
    <form className="pt-card pt-form" onSubmit={submit} data-testid="portal-evaluation">
      <h2>{ui.evaluation}</h2>
      <p className="pt-muted">{ui.evaluationHint}</p>
      <fieldset className="pt-scale">
        <legend className="pt-sr-only">{ui.evaluation}</legend>
        {SCALE.map((value) => (
          <label key={value} className={score === value ? 'pt-chosen' : ''}>
            <input
              type="radio"
              name="satisfaction"
              value={value}
              checked={score === value}
              onChange={() => setScore(value)}
              data-testid={`portal-score-${value}`}
            />
            <strong>{value}</strong>
            <span>{ui.scale[value]}</span>
          </label>
        ))}
      </fieldset>
      <div className="pt-field">
        <label htmlFor="pt-comment">{ui.comment}</label>
        <textarea
          id="pt-comment"
          rows={3}
          maxLength={1000}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          data-testid="portal-evaluation-comment"
        />
      </div>
      {error !== null && (
        <p className="pt-alert pt-alert-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="pt-button pt-primary pt-wide"
        disabled={busy || score === null}
        data-testid="portal-evaluation-submit"
      >
        {ui.submitEvaluation}
      </button>
    </form>
  );
}

/** The two requests a petitioner makes here: 复查 of the reply (第35条), 复核 of the 复查意见 (第36条). */
const REQUESTS = {
  review: {
    title: ui.review,
    hint: ui.reviewHint,
    reason: ui.reviewReason,
    submit: ui.submitReview,
    send: requestReview,
    testId: 'portal-review',
  },
  reconsideration: {
    title: ui.reconsideration,
    hint: ui.reconsiderationHint,
    reason: ui.reconsiderationReason,
    submit: ui.submitReconsideration,
    send: requestReconsideration,
    testId: 'portal-reconsideration',
  },
} as const;

function Review({ step, caseKey, view, onChange }: Props & { step: keyof typeof REQUESTS }) {
  const request = REQUESTS[step];
  const dueDate = view[step].dueDate;
  const [reason, setReason] = useState('');
  const { busy, error, setError, run } = useAction(onChange);
  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    if (reason.trim().length < 5) {
      setError(ui.reviewReasonShort);
      return;
    }
    run(() => request.send(caseKey, reason.trim()));
  };
  return (
    <form className="pt-card pt-form" onSubmit={submit} data-testid={request.testId}>
      <h2>{request.title}</h2>
      {dueDate !== null && <p className="pt-muted">{format(request.hint, { date: localDate(dueDate) })}</p>}
      <div className="pt-field">
        <label htmlFor={`pt-reason-${step}`}>{request.reason}</label>
        <textarea
          id={`pt-reason-${step}`}
          rows={4}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          data-testid={`${request.testId}-reason`}
        />
      </div>
      {error !== null && (
        <p className="pt-alert pt-alert-error" role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className="pt-button pt-primary pt-wide"
        disabled={busy}
        data-testid={`${request.testId}-submit`}
      >
        {request.submit}
      </button>
    </form>
  );
}
