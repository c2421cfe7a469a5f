import { lazy, Suspense, useEffect, useState } from 'react';
import type { PortalConfigView, PortalReceiptView } from '../../../common/schemas/portal.ts';
import { ApiError } from '../api/api-error.ts';
import { getConfig } from './api.ts';
import { rememberFiled } from './case-keys.ts';
import { FilePage } from './FilePage.tsx';
import { HomePage } from './HomePage.tsx';
import { errorText, ui } from './labels.ts';
import { Link } from './Link.tsx';
import { ReceiptPage } from './ReceiptPage.tsx';
import {
  navigate,
  PORTAL_CONSULTATIONS,
  PORTAL_FILE,
  PORTAL_HOME,
  PORTAL_PUBLICITY,
  PORTAL_RECEIPT,
  PORTAL_TRACK,
  useLocation,
} from './router.ts';

// 征求意见 and 普法宣传 load only when opened: the first load keeps its budget (scripts/check-portal-size.mjs).
const ConsultationPages = lazy(() => import('./ConsultationPages.tsx'));
// Tracking too: a first visit files or reads; the case view (its deadlines, steps, documents) loads when asked.
const TrackPage = lazy(() => import('./TrackPage.tsx').then((m) => ({ default: m.TrackPage })));

/**
 * The petitioner portal: guidance, filing, the receipt (shown once, kept in memory only) and
 * tracking, chosen by the path under /portal.
 */
export function PortalApp() {
  const { pathname, search } = useLocation();
  const [config, setConfig] = useState<PortalConfigView | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const [receipt, setReceipt] = useState<PortalReceiptView | null>(null);

  useEffect(() => {
    getConfig().then(setConfig, (caught: unknown) =>
      setConfigError(caught instanceof ApiError && !caught.network ? errorText(caught.code) : ui.networkError),
    );
  }, []);

  useEffect(() => {
    // The receipt is shown once: leaving its page forgets it.
    if (pathname !== PORTAL_RECEIPT && receipt !== null) setReceipt(null);
    if (pathname === PORTAL_RECEIPT && receipt === null) navigate(PORTAL_HOME, true);
  }, [pathname, receipt]);

  let page;
  if (pathname === PORTAL_FILE) {
    page =
      config === null ? (
        <Loading error={configError} />
      ) : (
        <FilePage
          config={config}
          unitCode={search.get('u')}
          onFiled={(filed) => {
            // Kept for this tab only: the filing page offers this case, while open, before a repeat.
            rememberFiled({ caseNumber: filed.caseNumber, code: filed.trackingCode });
            setReceipt(filed);
            navigate(PORTAL_RECEIPT, true);
          }}
        />
      );
  } else if (pathname === PORTAL_RECEIPT) {
    page = receipt === null ? <Loading error={null} /> : <ReceiptPage receipt={receipt} />;
  } else if (pathname === PORTAL_TRACK) {
    page = (
      <Suspense fallback={<Loading error={null} />}>
        <TrackPage />
      </Suspense>
    );
  } else if (
    pathname === PORTAL_PUBLICITY ||
    pathname === PORTAL_CONSULTATIONS ||
    pathname.startsWith(`${PORTAL_CONSULTATIONS}/`)
  ) {
    page =
      config === null ? (
        <Loading error={configError} />
      ) : (
        <Suspense fallback={<Loading error={null} />}>
          <ConsultationPages pathname={pathname} config={config} />
        </Suspense>
      );
  } else {
    page = config === null ? <Loading error={configError} /> : <HomePage config={config} />;
  }

  return (
    <div className="pt-app">
      <header className="pt-header">
        <Link to={PORTAL_HOME} className="pt-brand">
          <span className="pt-brand-name">{config?.enterpriseName ?? ''}</span>
          <span className="pt-brand-title">{ui.pageTitle}</span>
        </Link>
        {pathname !== PORTAL_HOME && pathname !== '/portal/' && (
          <Link to={PORTAL_HOME} className="pt-header-link">
            {ui.home}
          </Link>
        )}
      </header>
      <main className="pt-main">{page}</main>
    </div>
  );
}

function Loading({ error }: { error: string | null }) {
  return error === null ? (
    <p className="pt-muted pt-center">{ui.loading}</p>
  ) : (
    <p className="pt-alert pt-alert-error" role="alert">
      {error}
    </p>
  );
}
