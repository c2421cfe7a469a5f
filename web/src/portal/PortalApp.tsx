import { useEffect, useState } from 'react';
import type { PortalConfigView, PortalReceiptView } from '../../../common/schemas/portal.ts';
import { ApiError } from '../api/api-error.ts';
import { getConfig } from './api.ts';
import { rememberFiled } from './case-keys.ts';
import { FilePage } from './FilePage.tsx';
import { HomePage } from './HomePage.tsx';
import { errorText, ui } from './labels.ts';
import { Link } from './Link.tsx';
import { ReceiptPage } from './ReceiptPage.tsx';
import { navigate, PORTAL_FILE, PORTAL_HOME, PORTAL_RECEIPT, PORTAL_TRACK, useLocation } from './router.ts';
import { TrackPage } from './TrackPage.tsx';

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
    page = <TrackPage />;
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
