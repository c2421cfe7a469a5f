import { useCallback, useState } from 'react';
import { Alert, Button, Card, Col, Empty, Row, Skeleton, Spin } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { listUnits } from '../../api/unit.ts';
import { useReach } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { UnitDetail } from './UnitDetail.tsx';
import { UnitTreePanel } from './UnitTreePanel.tsx';

/** 组织机构: the unit hierarchy of the caller's scope on the left, the chosen unit on the right. */
export function UnitTreePage() {
  const t = useT();
  const { locale } = useLocale();
  const canManage = useReach('unit.manage') !== 'none';
  const [showInactive, setShowInactive] = useState(false);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const load = useCallback(() => listUnits(showInactive), [showInactive]);
  const { data: units, error, loading, reload } = useLoader(load);

  const selected = units?.find((unit) => unit.id === selectedId);

  const changed = (unit: UnitView) => {
    setSelectedId(unit.id);
    // A unit just deactivated stays in view (greyed) so it can be re-activated at once.
    if (!unit.active && !showInactive) setShowInactive(true);
    else reload();
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10} xl={9}>
        <Card
          title={t.units.title}
          extra={<Button type="text" icon={<ReloadOutlined />} aria-label={t.common.refresh} onClick={reload} />}
          styles={{ body: { paddingTop: 12 } }}
        >
          {error !== null && (
            <Alert type="error" showIcon title={errorText(t, error, locale)} style={{ marginBottom: 12 }} />
          )}
          {units === undefined && error === null ? (
            // The first load: a skeleton rather than an empty tree that says 暂无数据.
            <Skeleton active title={false} paragraph={{ rows: 8 }} />
          ) : (
            <Spin spinning={loading}>
              <UnitTreePanel
                units={units ?? []}
                selectedId={selectedId}
                onSelect={setSelectedId}
                showInactive={showInactive}
                onShowInactiveChange={setShowInactive}
              />
            </Spin>
          )}
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={15}>
        {selected === undefined || units === undefined ? (
          <Card title={t.units.detail}>
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.units.selectHint} />
          </Card>
        ) : (
          <UnitDetail unit={selected} units={units} canManage={canManage} onChanged={changed} />
        )}
      </Col>
    </Row>
  );
}
