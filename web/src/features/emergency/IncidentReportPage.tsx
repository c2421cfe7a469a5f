import { useCallback } from 'react';
import { Button, Flex, Result } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import { getIncident } from '../../api/emergency.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/**
 * 复盘 (after-action report) as an A4 sheet generated from the incident's timeline: every step with
 * its time, the response times (activation → first arrival, → stand-down), the tasks and when each was
 * confirmed, the liaison with outside bodies. A drill says so in its title.
 */
export function IncidentReportPage() {
  const t = useT();
  const e = t.emergency;
  const { locale } = useLocale();
  const { id = '' } = useParams();
  const load = useCallback(() => getIncident(id), [id]);
  const loaded = useLoader(load);
  const incident = loaded.data;
  if (incident === undefined) {
    if (loaded.loading) return <PageSpinner fullScreen />;
    return <Result status="warning" title={errorText(t, loaded.error, locale)} />;
  }
  const minutes = (n: number | null) => (n === null ? e.notYet : format(e.minutes, { n }));
  const title = format(e.reportTitle, { title: incident.title });
  return (
    <div style={{ background: '#e9edf2', minHeight: '100vh', padding: '16px 0' }}>
      <Flex className="xf-no-print" justify="center" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="report-print">
          {e.print}
        </Button>
      </Flex>
      <div className="xf-sheet" data-testid="incident-report">
        <h1 style={{ letterSpacing: 2 }}>{incident.drill ? `${e.drillMark}${title}` : title}</h1>
        <table>
          <tbody>
            <tr>
              <td style={{ width: '22%' }}>{e.unit}</td>
              <td style={{ width: '28%' }}>{incident.unitName}</td>
              <td style={{ width: '22%' }}>{e.level}</td>
              <td>{e.levels[incident.level]}</td>
            </tr>
            <tr>
              <td>{e.incidentType}</td>
              <td>{e.incidentTypes[incident.incidentType]}</td>
              <td>{e.commander}</td>
              <td>{incident.commanderName}</td>
            </tr>
            <tr>
              <td>{e.activatedAt}</td>
              <td>{formatDateTime(incident.activatedAt, locale)}</td>
              <td>{e.stoodDownAt}</td>
              <td>{incident.stoodDownAt === null ? e.notYet : formatDateTime(incident.stoodDownAt, locale)}</td>
            </tr>
            <tr>
              <td>{e.toFirstArrival}</td>
              <td data-testid="report-to-arrival">{minutes(incident.responseTimes.toFirstArrival)}</td>
              <td>{e.toStandDown}</td>
              <td data-testid="report-to-stand-down">{minutes(incident.responseTimes.toStandDown)}</td>
            </tr>
            <tr>
              <td>{e.source}</td>
              <td colSpan={3}>
                {e.sources[incident.source.kind]} ·{' '}
                {format(e.reportPlan, { title: incident.title, version: incident.planVersion })}
              </td>
            </tr>
          </tbody>
        </table>
        <h2 style={{ fontSize: 18, margin: '16px 0 8px' }}>{e.reportSteps}</h2>
        <table data-testid="report-steps">
          <tbody>
            {incident.timeline.map((entry) => (
              <tr key={entry.id}>
                <td style={{ width: '30%' }}>
                  {formatDateTime(entry.occurredAt, locale)}
                  <br />
                  {e.entryKinds[entry.kind]}
                </td>
                <td>
                  {entry.text}
                  {entry.headcount !== null && `（${e.headcount} ${entry.headcount}）`}
                  {entry.outsideBody !== null && `（${entry.outsideBody}）`}
                  {` — ${entry.recordedByName}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2 style={{ fontSize: 18, margin: '16px 0 8px' }}>{e.reportTasks}</h2>
        <table>
          <tbody>
            {incident.tasks.map((task) => (
              <tr key={task.id}>
                <td style={{ width: '26%' }}>{task.assigneeName}</td>
                <td>{task.title}</td>
                <td style={{ width: '30%' }}>
                  {task.confirmedAt === null
                    ? e.unconfirmed
                    : `${e.confirmed} ${formatDateTime(task.confirmedAt, locale)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {incident.standDownNote !== null && (
          <p>
            {e.standDownNote}：{incident.standDownNote}
          </p>
        )}
        <p style={{ fontSize: 13, color: '#555' }}>{e.privacyNote}</p>
      </div>
    </div>
  );
}
