import { useEffect, useState } from 'react';
import type { PortalDutyView } from '../../../common/schemas/duty.ts';
import { getDuty } from './api.ts';
import { format, ui } from './labels.ts';

/**
 * Today's duty phone of the office (值班电话, a desk line — never a person's own number, never who is
 * on duty) and the leaders' reception days ahead (领导接待日, 《信访工作条例》第13条). Shown only
 * when there is something to show; a failure to load leaves the page as it was.
 */
export function DutyCard() {
  const [duty, setDuty] = useState<PortalDutyView | null>(null);
  useEffect(() => {
    getDuty().then(setDuty, () => setDuty(null));
  }, []);
  if (duty === null || (duty.dutyPhone === null && duty.receptionDays.length === 0)) return null;
  return (
    <section className="pt-card" data-testid="portal-duty">
      {duty.dutyPhone !== null && (
        <>
          <h2>{ui.dutyPhone}</h2>
          <p className="pt-strong">
            <a href={`tel:${duty.dutyPhone.replace(/[^0-9+]/g, '')}`} data-testid="portal-duty-phone">
              {duty.dutyPhone}
            </a>
          </p>
          <p className="pt-text">{ui.dutyPhoneHint}</p>
        </>
      )}
      {duty.receptionDays.length > 0 && (
        <>
          <h2>{ui.receptionDays}</h2>
          <ul className="pt-text" data-testid="portal-reception-days">
            {duty.receptionDays.map((day, index) => (
              <li key={index}>
                <strong>
                  {format(ui.receptionLine, {
                    date: day.date,
                    start: day.startTime,
                    end: day.endTime,
                    leader: day.leaderName,
                    unit: day.unitName,
                  })}
                </strong>
                <br />
                {format(ui.receptionPlace, { place: day.place, topic: day.topic })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
