import { useCallback, useState } from 'react';
import { Alert, Card, DatePicker, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { HotspotView } from '../../../../common/schemas/text.ts';
import { listHotspots } from '../../api/text.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

const TREND_COLORS = { rising: 'red', steady: 'default', falling: 'green' } as const;
/** Cases linked per hotspot in the table; the rest are counted. */
const SHOWN_CASES = 8;

/** 热点问题: clusters of petitions about the same matter in a period (default the last 90 days), in the viewer's scope. */
export function HotspotsCard() {
  const t = useT();
  const h = t.textEngine.hotspots;
  const { locale } = useLocale();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(90, 'day'), dayjs()]);
  // Until a period is picked the server's default (the last 90 days) is asked: the request boot.ts prefetches.
  const [picked, setPicked] = useState(false);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');
  const load = useCallback(() => listHotspots(picked ? { from, to } : {}), [picked, from, to]);
  const hotspots = useLoader(load);

  const columns: TableColumnsType<HotspotView> = [
    {
      title: h.title,
      key: 'title',
      render: (_, row) => (
        <Flex vertical gap={2}>
          <Link to={petitionPath(row.representativeId)} data-testid="hotspot-title">
            {row.title}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {h.keywords}：{row.keywords.join('、')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: h.size, dataIndex: 'size', width: 70 },
    { title: h.people, dataIndex: 'people', width: 70 },
    { title: h.group, dataIndex: 'groupPetitions', width: 70 },
    {
      title: h.trend,
      key: 'trend',
      width: 80,
      render: (_, row) => <Tag color={TREND_COLORS[row.trend]}>{h.trends[row.trend]}</Tag>,
    },
    { title: h.score, dataIndex: 'score', width: 70 },
    {
      title: h.cases,
      key: 'cases',
      width: 220,
      render: (_, row) => (
        <Flex wrap gap={4}>
          {row.petitionIds.slice(0, SHOWN_CASES).map((id, index) => (
            <Link key={id} to={petitionPath(id)}>
              {index + 1}
            </Link>
          ))}
          {row.petitionIds.length > SHOWN_CASES && (
            <Typography.Text type="secondary">+{row.petitionIds.length - SHOWN_CASES}</Typography.Text>
          )}
        </Flex>
      ),
    },
  ];

  return (
    <Card
      size="small"
      title={h.title}
      data-testid="hotspots-card"
      extra={
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          onChange={(value) => {
            if (value?.[0] && value[1]) {
              setRange([value[0], value[1]]);
              setPicked(true);
            }
          }}
        />
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          {h.hint} {hotspots.data === undefined ? '' : format(h.analysed, { count: hotspots.data.analysed })}
        </Typography.Text>
        {hotspots.data?.capped === true && (
          <Alert type="info" showIcon title={format(h.capped, { cap: hotspots.data.cap })} />
        )}
        {hotspots.error !== null && <Alert type="error" showIcon title={errorText(t, hotspots.error, locale)} />}
        <DataTable<HotspotView>
          rowKey="representativeId"
          size="small"
          columns={columns}
          dataSource={hotspots.data?.items ?? []}
          loading={hotspots.loading}
          pagination={false}
          scroll={{ x: 800 }}
          locale={{ emptyText: h.empty }}
        />
      </Flex>
    </Card>
  );
}
