import { useEffect, useRef, useState, type SyntheticEvent, type ReactNode } from 'react';
import { PETITIONER_IDENTITIES, type PetitionerIdentity } from '../../../common/schemas/petition.ts';
import {
  PORTAL_MATTERS,
  type PortalCaseKey,
  type PortalConfigView,
  type PortalReceiptView,
  type PortalSimilarView,
} from '../../../common/schemas/portal.ts';
import { ApiError } from '../api/api-error.ts';
import { filePetition, findSimilar, getChallenge, getUnit } from './api.ts';
import { knownKeys, rememberTracked } from './case-keys.ts';
import {
  checkFiles,
  checkFiling,
  fieldOf,
  filingInput,
  megabytes,
  serverFieldText,
  type FieldErrors,
  type FilingValues,
} from './filing.ts';
import { dateOf, errorText, format, identities, t, ui } from './labels.ts';
import { solveInWorker } from './pow-client.ts';
import { NamedPersonFields } from './NamedPersonFields.tsx';
import { navigate, PORTAL_TRACK } from './router.ts';

type Props = { config: PortalConfigView; unitCode: string | null; onFiled: (receipt: PortalReceiptView) => void };
type UnitState =
  { status: 'none' } | { status: 'loading' } | { status: 'ok'; code: string; path: string[] } | { status: 'bad' };
type Phase = { kind: 'idle' } | { kind: 'checking'; progress: number } | { kind: 'sending' };

const INITIAL: FilingValues = {
  anonymous: false,
  name: '',
  idNumber: '',
  phone: '',
  identity: 'employee',
  matter: 'appeal',
  categoryCode: '',
  unitCode: '',
  title: '',
  body: '',
  namedPersons: [],
};

/**
 * 我要反映: real-name or anonymous, what the petitioner wants, the text and photos. Open cases of the
 * same person are offered before a repeat is filed; on submit the proof of work runs in a worker,
 * then the form goes as multipart/form-data. Server refusals land on the field they name.
 */
export function FilePage({ config, unitCode, onFiled }: Props) {
  const [values, setValues] = useState<FilingValues>(INITIAL);
  const [files, setFiles] = useState<File[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [unit, setUnit] = useState<UnitState>(unitCode === null ? { status: 'none' } : { status: 'loading' });
  const [similar, setSimilar] = useState<{ key: PortalCaseKey; item: PortalSimilarView['items'][number] }[]>([]);
  const [similarDismissed, setSimilarDismissed] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const limits = { maxFiles: config.maxFiles, fileMaxBytes: config.fileMaxBytes };

  useEffect(() => {
    if (unitCode === null) return;
    getUnit(unitCode).then(
      (found) => setUnit({ status: 'ok', code: found.code, path: found.path }),
      () => setUnit({ status: 'bad' }),
    );
  }, [unitCode]);

  // The open cases whose keys this tab holds (filed or tracked here): a key is the proof, never an ID
  // number or phone. The text typed so far says how close each is; asked again when typing pauses.
  const typed = values.body.trim();
  useEffect(() => {
    const keys = knownKeys();
    if (keys.length === 0) return;
    let current = true;
    const timer = setTimeout(() => {
      Promise.all(
        keys.map((key) =>
          findSimilar(key, typed).then(
            (view) => view.items.map((item) => ({ key, item })),
            () => [],
          ),
        ),
      ).then(
        (found) => {
          if (current) setSimilar(found.flat().sort((a, b) => (b.item.similarity ?? 0) - (a.item.similarity ?? 0)));
        },
        () => undefined,
      );
    }, 600);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [typed]);

  const set = <K extends keyof FilingValues>(key: K, value: FilingValues[K]) => {
    setValues((previous) => ({ ...previous, [key]: value }));
    setErrors((previous) => ({ ...previous, [key]: undefined }));
  };

  const addFiles = (chosen: FileList | null) => {
    const next = [...files, ...Array.from(chosen ?? [])];
    setFiles(next);
    const problem = checkFiles(next, limits);
    setErrors((previous) => ({ ...previous, files: problem ?? undefined }));
    if (fileInput.current !== null) fileInput.current.value = '';
  };

  const removeFile = (index: number) => {
    const next = files.filter((_, i) => i !== index);
    setFiles(next);
    setErrors((previous) => ({ ...previous, files: checkFiles(next, limits) ?? undefined }));
  };

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = checkFiling(values, files, limits);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
      return;
    }
    try {
      setPhase({ kind: 'checking', progress: 0 });
      const challenge = await getChallenge();
      const solved = await solveInWorker({ challenge: challenge.challenge, bits: challenge.bits }, (progress) =>
        setPhase({ kind: 'checking', progress }),
      );
      // The time the check took on this device, readable by the end-to-end test that measures it.
      document.documentElement.dataset['powMs'] = String(solved.ms);
      document.documentElement.dataset['powTries'] = String(solved.tried);
      setPhase({ kind: 'sending' });
      const receipt = await filePetition(
        filingInput(values, unit.status === 'ok' ? unit.code : null, challenge.challenge, solved.nonce),
        files,
      );
      onFiled(receipt);
    } catch (caught) {
      setPhase({ kind: 'idle' });
      showFailure(caught);
    }
  };

  const showFailure = (caught: unknown) => {
    if (!(caught instanceof ApiError)) {
      setFormError(errorText('INTERNAL'));
      return;
    }
    if (caught.network) {
      setFormError(ui.networkError);
      return;
    }
    const fileName = typeof caught.details?.['fileName'] === 'string' ? caught.details['fileName'] : '';
    if (caught.code === 'ATTACHMENT_TYPE_NOT_ALLOWED') {
      setErrors({ files: format(ui.fieldErrors.fileType, { name: fileName }) });
      return;
    }
    if (caught.code === 'PAYLOAD_TOO_LARGE') {
      setErrors({
        files:
          fileName === ''
            ? errorText('PAYLOAD_TOO_LARGE')
            : format(ui.fieldErrors.fileTooBig, { name: fileName, size: megabytes(config.fileMaxBytes) }),
      });
      return;
    }
    if (caught.code === 'RATE_LIMITED') {
      setFormError(ui.tooMany);
      return;
    }
    const fieldErrors: FieldErrors = {};
    for (const issue of caught.issues) {
      const field = fieldOf(issue.path);
      if (field === 'files') fieldErrors.files = format(ui.fieldErrors.tooManyFiles, { max: config.maxFiles });
      else if (field === 'nonce') setFormError(errorText('CHALLENGE_FAILED'));
      else if (field !== null) fieldErrors[field] = serverFieldText(field);
    }
    setErrors(fieldErrors);
    if (Object.keys(fieldErrors).length === 0 || caught.code !== 'VALIDATION_FAILED')
      setFormError(errorText(caught.code));
  };

  const busy = phase.kind !== 'idle';
  const visibleSimilar = similarDismissed ? [] : similar;

  return (
    <form className="pt-form" onSubmit={(event) => void submit(event)} noValidate data-testid="portal-file-form">
      <h1>{ui.file}</h1>
      {unit.status === 'ok' && (
        <p className="pt-unit" data-testid="portal-unit">
          <span className="pt-muted">{ui.unitFromQr}</span> {unit.path.slice(1).join(' › ') || unit.path.join(' › ')}
        </p>
      )}
      {unit.status === 'bad' && <p className="pt-alert pt-alert-warning">{ui.unitUnknown}</p>}

      <fieldset className="pt-segmented" disabled={busy}>
        <legend className="pt-sr-only">{ui.realName}</legend>
        {([false, true] as const).map((anonymous) => (
          <label key={String(anonymous)} className={values.anonymous === anonymous ? 'pt-chosen' : ''}>
            <input
              type="radio"
              name="anonymous"
              checked={values.anonymous === anonymous}
              onChange={() => set('anonymous', anonymous)}
              data-testid={anonymous ? 'portal-anonymous' : 'portal-real-name'}
            />
            {anonymous ? ui.anonymous : ui.realName}
          </label>
        ))}
      </fieldset>
      <p className="pt-muted">{values.anonymous ? ui.anonymousHint : ui.realNameHint}</p>

      {!values.anonymous && (
        <>
          <Field id="pt-name" label={ui.name} error={errors.name}>
            <input
              id="pt-name"
              autoComplete="name"
              value={values.name}
              onChange={(e) => set('name', e.target.value)}
              aria-invalid={errors.name !== undefined}
              maxLength={40}
              disabled={busy}
            />
          </Field>
          <Field id="pt-id" label={ui.idNumber} error={errors.idNumber} hint={ui.contactHint}>
            <input
              id="pt-id"
              inputMode="text"
              autoComplete="off"
              value={values.idNumber}
              onChange={(e) => set('idNumber', e.target.value)}
              aria-invalid={errors.idNumber !== undefined}
              maxLength={20}
              disabled={busy}
            />
          </Field>
          <Field id="pt-phone" label={ui.phone} error={errors.phone}>
            <input
              id="pt-phone"
              type="tel"
              inputMode="tel"
              autoComplete="tel"
              value={values.phone}
              onChange={(e) => set('phone', e.target.value)}
              aria-invalid={errors.phone !== undefined}
              maxLength={20}
              disabled={busy}
            />
          </Field>
          <Field id="pt-identity" label={ui.identity}>
            <select
              id="pt-identity"
              value={values.identity}
              onChange={(e) => set('identity', e.target.value as PetitionerIdentity)}
              disabled={busy}
            >
              {PETITIONER_IDENTITIES.map((identity) => (
                <option key={identity} value={identity}>
                  {identities[identity]}
                </option>
              ))}
            </select>
          </Field>
        </>
      )}

      {visibleSimilar.length > 0 && (
        <div className="pt-alert pt-alert-warning" role="status" data-testid="portal-similar">
          {visibleSimilar.map(({ key, item }) => (
            <p key={key.caseNumber}>
              {format(ui.similar, {
                date: dateOf(item.receivedAt),
                category: item.categoryName ?? ui.similarCategoryNone,
                state: t.states[item.state],
              })}
              {item.similarity !== null && item.similarity >= 0.2 && (
                <strong>{format(ui.similarScore, { value: Math.round(item.similarity * 100) })}</strong>
              )}
            </p>
          ))}
          <div className="pt-row">
            <button
              type="button"
              className="pt-button"
              onClick={() => {
                // The closest case opens on the tracking page with the key this tab holds.
                const closest = visibleSimilar[0];
                if (closest !== undefined) rememberTracked(closest.key);
                navigate(PORTAL_TRACK);
              }}
            >
              {ui.similarGoTrack}
            </button>
            <button type="button" className="pt-button pt-secondary" onClick={() => setSimilarDismissed(true)}>
              {ui.similarContinue}
            </button>
          </div>
        </div>
      )}

      <fieldset className="pt-choices" disabled={busy}>
        <legend>{ui.matter}</legend>
        {PORTAL_MATTERS.map((matter) => (
          <label key={matter} className={values.matter === matter ? 'pt-chosen' : ''}>
            <input
              type="radio"
              name="matter"
              value={matter}
              checked={values.matter === matter}
              onChange={() => set('matter', matter)}
            />
            {ui.matters[matter]}
          </label>
        ))}
      </fieldset>

      {unit.status !== 'ok' && config.units.length > 0 && (
        <Field id="pt-unit" label={ui.unitChoice} error={errors.unitCode} hint={ui.unitChoiceHint}>
          <select
            id="pt-unit"
            value={values.unitCode}
            onChange={(e) => set('unitCode', e.target.value)}
            disabled={busy}
            data-testid="portal-unit-choice"
          >
            <option value="">{ui.unitChoiceNone}</option>
            {unitOptions(config.units)}
          </select>
        </Field>
      )}
      <NamedPersonFields
        persons={values.namedPersons}
        onChange={(persons) => set('namedPersons', persons)}
        prominent={values.matter === 'accusation'}
        busy={busy}
        error={errors.namedPersons}
      />

      <Field id="pt-category" label={ui.category} error={errors.categoryCode}>
        <select
          id="pt-category"
          value={values.categoryCode}
          onChange={(e) => set('categoryCode', e.target.value)}
          disabled={busy}
        >
          <option value="">{ui.categoryNone}</option>
          {config.categories.map((category) => (
            <option key={category.code} value={category.code}>
              {category.name}
            </option>
          ))}
        </select>
      </Field>

      <Field id="pt-title" label={ui.title} error={errors.title}>
        <input
          id="pt-title"
          value={values.title}
          onChange={(e) => set('title', e.target.value)}
          aria-invalid={errors.title !== undefined}
          disabled={busy}
        />
      </Field>

      <Field id="pt-body" label={ui.body} error={errors.body} hint={ui.bodyHint}>
        <textarea
          id="pt-body"
          rows={7}
          value={values.body}
          onChange={(e) => set('body', e.target.value)}
          aria-invalid={errors.body !== undefined}
          disabled={busy}
          data-testid="portal-body"
        />
      </Field>

      <Field
        id="pt-files"
        label={ui.attachments}
        error={errors.files}
        hint={format(ui.attachmentsHint, { max: config.maxFiles, size: megabytes(config.fileMaxBytes) })}
      >
        <input
          ref={fileInput}
          id="pt-files"
          className="pt-file-input"
          type="file"
          multiple
          accept="image/jpeg,image/png,application/pdf"
          onChange={(e) => addFiles(e.target.files)}
          aria-invalid={errors.files !== undefined}
          disabled={busy}
          data-testid="portal-files"
        />
        <label htmlFor="pt-files" className="pt-button pt-secondary pt-file-button">
          {ui.chooseFiles}
        </label>
        {files.length > 0 && (
          <ul className="pt-files" data-testid="portal-file-list">
            {files.map((file, index) => (
              <li key={`${file.name}-${index}`}>
                <span>{file.name}</span>
                <span className="pt-muted">{Math.max(1, Math.round(file.size / 1024))} KB</span>
                <button type="button" className="pt-link-button" onClick={() => removeFile(index)} disabled={busy}>
                  {ui.removeFile}
                </button>
              </li>
            ))}
          </ul>
        )}
      </Field>

      {formError !== null && (
        <p className="pt-alert pt-alert-error" role="alert" data-testid="portal-form-error">
          {formError}
        </p>
      )}
      {phase.kind === 'checking' && (
        <div className="pt-progress" role="status" data-testid="portal-pow">
          <span>{ui.securityCheck}</span>
          <progress max={100} value={Math.round(phase.progress * 100)} />
        </div>
      )}
      <button type="submit" className="pt-button pt-primary pt-wide" disabled={busy} data-testid="portal-submit">
        {busy ? ui.submitting : ui.submit}
      </button>
    </form>
  );
}

function Field({
  id,
  label,
  error,
  hint,
  children,
}: {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ReactNode;
}) {
  return (
    <div className={error === undefined ? 'pt-field' : 'pt-field pt-has-error'} data-field={id}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint !== undefined && <p className="pt-hint">{hint}</p>}
      {error !== undefined && (
        <p className="pt-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** The public unit list as options: each mine or department, with the units under it in its group. */
function unitOptions(units: PortalConfigView['units']): ReactNode[] {
  return units
    .filter((unit) => unit.parentCode === null)
    .map((top) => {
      const children = units.filter((unit) => unit.parentCode === top.code);
      if (children.length === 0)
        return (
          <option key={top.code} value={top.code}>
            {top.name}
          </option>
        );
      return (
        <optgroup key={top.code} label={top.name}>
          <option value={top.code}>{top.name}</option>
          {children.map((child) => (
            <option key={child.code} value={child.code}>
              {`${top.name} › ${child.name}`}
            </option>
          ))}
        </optgroup>
      );
    });
}
