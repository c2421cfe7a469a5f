import { Card, Descriptions, Tag, Typography, type DescriptionsProps } from 'antd';
import { ReferralInputSchema, type PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { DueDate } from './DueDate.tsx';

const STATUS_COLORS = { open: 'processing', met: 'success', met_late: 'warning', overdue: 'error' } as const;

/**
 * 上级转送/交办: the higher body that sent the matter down, its 文号, how it sent it, the date it set
 * for the report and the form it requires (第22条), with the report's status. The report itself is
 * generated in the documents card (向上级报告).
 */
export function ReferralCard({ petition }: { petition: PetitionDetailView }) {
  const t = useT();
  const r = t.petitions.referral;
  const registered = petition.events.find((e) => e.kind === 'register');
  const parsed = ReferralInputSchema.safeParse(registered?.data.referral);
  if (!parsed.success) return null;
  const referral = parsed.data;
  const deadline = petition.deadlines.find((d) => d.kind === 'referral_report');
  const items: DescriptionsProps['items'] = [
    { key: 'body', label: r.body, children: referral.body },
    { key: 'number', label: r.documentNumber, children: referral.documentNumber },
    { key: 'route', label: r.route, children: r.routes[referral.route] ?? referral.route },
    { key: 'form', label: r.replyForm, children: r.replyForms[referral.replyForm] ?? referral.replyForm },
    {
      key: 'due',
      label: r.reportDue,
      children:
        deadline === undefined ? (
          r.none
        ) : (
          <>
            <DueDate
              dueDate={deadline.dueDate}
              daysLeft={deadline.daysLeft}
              settled={deadline.status === 'met' || deadline.status === 'met_late'}
            />{' '}
            <Tag color={STATUS_COLORS[deadline.status]} data-testid="referral-status">
              {t.petitions.deadlineStatus[deadline.status]}
            </Tag>
          </>
        ),
    },
    {
      key: 'channel',
      label: r.petitionerChannel,
      children: referral.petitionerChannel === undefined ? r.none : t.petitions.channels[referral.petitionerChannel],
    },
  ];
  return (
    <Card size="small" title={r.title} data-testid="petition-referral">
      <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {r.reportHint}
      </Typography.Text>
    </Card>
  );
}
