import { useCallback, useState } from 'react';
import { Alert, Card, Flex, Typography, type TableColumnsType } from 'antd';
import type { GapListView } from '../../../../common/schemas/training.ts';
import { listGaps } from '../../api/training.ts';
import { listUnits } from '../../api/unit.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorText } from '../../components/error-text.ts';
import { UnitTreeSelect } from '../../components/UnitTreeSelect.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { QualificationTag } from './QualificationTag.tsx';
import { TrainingTabs } from './TrainingTabs.tsx';

type Row = GapListView['items'][number];

/** 培训缺口: the cadres of the office's subtree lacking a required course, or whose qualification expires. */
export function GapsPage() {
  const t = useT();
  const g = t.training.gaps;
  const { locale } = useLocale();
  const [unitId, setUnitId] = useState<string | undefined>(undefined);
  const load = useCallback(() => listGaps(unitId), [unitId]);
  const gaps = useLoader(load);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);

  const columns: TableColumnsType<Row> = [
    { title: g.person, key: 'name', dataIndex: 'name' },
    { title: g.role, key: 'role', render: (_, row) => t.roles[row.role] },
    { title: g.unit, key: 'unit', dataIndex: 'unitName' },
    { title: g.course, key: 'course', dataIndex: 'courseTitle' },
    { title: g.state, key: 'state', render: (_, row) => <QualificationTag state={row.state} /> },
    { title: g.expiresOn, key: 'expiresOn', render: (_, row) => row.expiresOn ?? t.common.none },
  ];

  return (
    <Card title={t.nav.training}>
      <Flex vertical gap={16}>
        <TrainingTabs current="gaps" />
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {g.description}
        </Typography.Paragraph>
        <Flex gap={8} align="center" wrap>
          <Typography.Text>{g.unit}</Typography.Text>
          <div style={{ minWidth: 240 }}>
            <UnitTreeSelect
              units={units.data ?? []}
              value={unitId}
              onChange={setUnitId}
              allowClear
              placeholder={g.allUnits}
              id="training-gap-unit"
            />
          </div>
        </Flex>
        {gaps.error !== null && <Alert type="error" showIcon title={errorText(t, gaps.error, locale)} />}
        <DataTable<Row>
          rowKey={(row) => `${row.userId}:${row.courseId}`}
          columns={columns}
          dataSource={gaps.data?.items ?? []}
          loading={gaps.loading}
          locale={{ emptyText: g.empty }}
          pagination={false}
          data-testid="training-gap-table"
        />
      </Flex>
    </Card>
  );
}
