import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { CampaignView } from '../../../../common/schemas/prevention.ts';
import { listCampaigns } from '../../api/prevention.ts';
import { campaignPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { CampaignModal } from './CampaignModal.tsx';
import { ReturnCountTags } from './ReturnCountTags.tsx';

/**
 * 矛盾隐患排查: the campaigns the viewer meets (opened in his subtree or covering it), each with the
 * returns of his subtree — answered, 无隐患, hazards, overdue; an office opens a new one.
 */
export function ScreeningPage() {
  const t = useT();
  const p = t.prevention;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const canOpen = useReach('screening.manage') !== 'none';
  const campaigns = useLoader(listCampaigns);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<CampaignView> = [
    {
      title: p.topic,
      key: 'topic',
      render: (_, row) => (
        <Link to={campaignPath(row.id)} data-testid={`campaign-link-${row.id}`}>
          {row.topic}
        </Link>
      ),
    },
    { title: p.openedBy, key: 'unit', width: 140, render: (_, row) => row.unit.name },
    {
      title: p.period,
      key: 'period',
      width: 200,
      responsive: ['md'],
      render: (_, row) => `${row.periodFrom} ~ ${row.periodTo}`,
    },
    { title: p.dueDate, key: 'due', width: 110, render: (_, row) => row.dueDate },
    {
      title: p.rollup,
      key: 'counts',
      width: 320,
      render: (_, row) => <ReturnCountTags counts={row.counts} testId={`campaign-counts-${row.id}`} />,
    },
  ];

  return (
    <Card
      title={p.campaigns}
      extra={
        canOpen && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="campaign-new">
            {p.newCampaign}
          </Button>
        )
      }
    >
      <Flex vertical gap={12}>
        {campaigns.error !== null && <Alert type="error" showIcon title={errorText(t, campaigns.error, locale)} />}
        <Typography.Text type="secondary">{p.screeningDescription}</Typography.Text>
        <DataTable<CampaignView>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={campaigns.data?.items ?? []}
          loading={campaigns.loading}
          cardTitleKey="topic"
          pagination={false}
          data-testid="campaign-table"
        />
      </Flex>
      <CampaignModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(campaign) => {
          setCreating(false);
          void message.success(format(p.created, { count: campaign.counts.total }));
          campaigns.reload();
        }}
      />
    </Card>
  );
}
