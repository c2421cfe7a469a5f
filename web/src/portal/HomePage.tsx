import type { PortalConfigView } from '../../../common/schemas/portal.ts';
import { Link } from './Link.tsx';
import { DutyCard } from './DutyCard.tsx';
import { OfficeCard } from './OfficeCard.tsx';
import { PORTAL_CONSULTATIONS, PORTAL_FILE, PORTAL_PUBLICITY, PORTAL_TRACK } from './router.ts';
import { t, ui } from './labels.ts';

/** 首页: the two big buttons first, then the guidance an administrator wrote (宣传教育 at the point of need). */
export function HomePage({ config }: { config: PortalConfigView }) {
  return (
    <>
      <nav className="pt-big-buttons">
        <Link to={PORTAL_FILE} className="pt-big-button pt-primary" data-testid="portal-go-file">
          <strong>{ui.file}</strong>
          <span>{ui.fileHint}</span>
        </Link>
        <Link to={PORTAL_TRACK} className="pt-big-button" data-testid="portal-go-track">
          <strong>{ui.track}</strong>
          <span>{ui.trackHint}</span>
        </Link>
        <Link to={PORTAL_CONSULTATIONS} className="pt-big-button" data-testid="portal-go-consultations">
          <strong>{t.consultation.entry}</strong>
          <span>{t.consultation.entryHint}</span>
        </Link>
        <Link to={PORTAL_PUBLICITY} className="pt-big-button" data-testid="portal-go-publicity">
          <strong>{t.consultation.publicity}</strong>
          <span>{t.consultation.publicityHint}</span>
        </Link>
      </nav>
      {config.office !== null && <OfficeCard office={config.office} title={ui.office} testId="portal-office" />}
      <DutyCard />
      <section className="pt-card" aria-labelledby="pt-guidance">
        <h2 id="pt-guidance">{ui.guidance}</h2>
        {config.guidance.sections.map((section, index) => (
          <details key={index} className="pt-guidance" open={index === 0}>
            <summary>{section.title}</summary>
            <p className="pt-text">{section.body}</p>
          </details>
        ))}
      </section>
    </>
  );
}
