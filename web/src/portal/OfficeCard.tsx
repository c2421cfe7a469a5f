import type { OfficeContact } from '../../../common/schemas/office.ts';
import { ui } from './labels.ts';

/** Where and when the petition office receives people, and its phone (《信访工作条例》第18条第1款). */
export function OfficeCard({ office, title, testId }: { office: OfficeContact; title: string; testId: string }) {
  return (
    <section className="pt-card" data-testid={testId}>
      <h2>{title}</h2>
      <p className="pt-strong">{office.name}</p>
      <dl className="pt-office">
        <dt>{ui.officeAddress}</dt>
        <dd>{office.address}</dd>
        <dt>{ui.officePhone}</dt>
        <dd>
          <a href={`tel:${office.phone.replace(/[^0-9+]/g, '')}`}>{office.phone}</a>
        </dd>
        <dt>{ui.officeHours}</dt>
        <dd>{office.hours}</dd>
      </dl>
    </section>
  );
}
