import { useEffect, useState, type SyntheticEvent } from 'react';
import {
  CaseNumberSchema,
  TrackingCodeSchema,
  type PortalCaseKey,
  type PortalCaseView,
} from '../../../common/schemas/portal.ts';
import { trackCase } from './api.ts';
import { forgetTracked, rememberTracked, trackedKey } from './case-keys.ts';
import { CaseView } from './CaseView.tsx';
import { failureText } from './failure.ts';
import { ui } from './labels.ts';

/** 查询进度: case number and tracking code → the case in plain words. */
export function TrackPage() {
  const [key, setKey] = useState<PortalCaseKey | null>(trackedKey);
  const [view, setView] = useState<PortalCaseView | null>(null);
  const [caseNumber, setCaseNumber] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const open = (next: PortalCaseKey) => {
    setBusy(true);
    setError(null);
    trackCase(next).then(
      (found) => {
        setBusy(false);
        setKey(next);
        setView(found);
        rememberTracked(next);
      },
      (caught: unknown) => {
        setBusy(false);
        setKey(null);
        setView(null);
        forgetTracked();
        setError(failureText(caught));
      },
    );
  };

  useEffect(() => {
    const remembered = trackedKey();
    if (remembered !== null) open(remembered);
  }, []);

  const submit = (event: SyntheticEvent) => {
    event.preventDefault();
    const number = CaseNumberSchema.safeParse(caseNumber.toUpperCase());
    if (!number.success) {
      setError(ui.caseNumberInvalid);
      return;
    }
    const tracking = TrackingCodeSchema.safeParse(code.toUpperCase());
    if (!tracking.success) {
      setError(ui.codeInvalid);
      return;
    }
    open({ caseNumber: number.data, code: tracking.data });
  };

  const forget = () => {
    forgetTracked();
    setKey(null);
    setView(null);
    setCode('');
  };

  if (key !== null && view !== null) {
    return (
      <>
        <CaseView caseKey={key} view={view} onChange={setView} />
        <button type="button" className="pt-button pt-secondary pt-wide" onClick={forget}>
          {ui.trackAnother}
        </button>
      </>
    );
  }

  return (
    <form className="pt-form" onSubmit={submit} noValidate data-testid="portal-track-form">
      <h1>{ui.trackTitle}</h1>
      <div className="pt-field">
        <label htmlFor="pt-case">{ui.caseNumber}</label>
        <input
          id="pt-case"
          autoComplete="off"
          autoCapitalize="characters"
          placeholder={ui.caseNumberPlaceholder}
          value={caseNumber}
          onChange={(e) => setCaseNumber(e.target.value)}
          data-testid="portal-track-case"
        />
      </div>
      <div className="pt-field">
        <label htmlFor="pt-code">{ui.trackingCode}</label>
        <input
          id="pt-code"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          placeholder={ui.codePlaceholder}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="portal-track-code"
        />
      </div>
      {error !== null && (
        <p className="pt-alert pt-alert-error" role="alert" data-testid="portal-track-error">
          {error}
        </p>
      )}
      <button type="submit" className="pt-button pt-primary pt-wide" disabled={busy} data-testid="portal-track-submit">
        {busy ? ui.loading : ui.trackSubmit}
      </button>
    </form>
  );
}
