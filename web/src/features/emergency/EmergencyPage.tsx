import { useCallback, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Segmented, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PlanView } from '../../../../common/schemas/emergency.ts';
import { listIncidents, listPlans } from '../../api/emergency.ts';
import { incidentPath } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { RecordFilters, useRecordFilter } from '../../components/RecordFilters.tsx';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ActivatePlanModal } from './ActivatePlanModal.tsx';
import { LEVEL_TAG_COLORS } from './emergency-text.ts';
import { PlanModal } from './PlanModal.tsx';

type Tab = 'incidents' | 'plans';
/** The emergency figures' own filters (drills or real incidents, timed). */
const INCIDENT_FILTERS = ['drill', 'timed'] as const;

/**
 * 应急处置: the incidents the viewer is part of (the office: all of its subtree), newest first, drills
 * marked; the plans, which a leader starts from here directly and the office keeps and drills.
 */
export function EmergencyPage() {
  const t = useT();
  const e = t.emergency;
  const { locale } = useLocale();
  const [tab, setTab] = useState<Tab>('incidents');
  const canKeep = useReach('emergency.plan.manage') !== 'none';
  const [filter, setFilter] = useRecordFilter(INCIDENT_FILTERS);
  const incidents = useLoader(useCallback(() => listIncidents(filter), [filter]));
  const [plansVersion, setPlansVersion] = useState(0);
  const plans = useLoader(useCallback(() => listPlans(), [plansVersion]));
  const [starting, setStarting] = useState<{ plan: PlanView; drill: boolean } | null>(null);
  const [editing, setEditing] = useState<PlanView | 'new' | null>(null);

  return (
    <Flex vertical gap={12} style={{ maxWidth: 900 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {e.title}
      </Typography.Title>
      <Segmented<Tab>
        value={tab}
        onChange={setTab}
        options={[
          { value: 'incidents', label: e.incidentsTab },
          { value: 'plans', label: e.plansTab },
        ]}
      />
      {tab === 'incidents' && (
        <Flex vertical gap={8} data-testid="incident-list">
          <RecordFilters filter={filter} onChange={setFilter} extra={INCIDENT_FILTERS} />
          {incidents.error !== null && <Alert type="error" showIcon title={errorText(t, incidents.error, locale)} />}
          {incidents.data?.items.length === 0 && <Empty description={e.noIncidents} />}
          {incidents.data?.items.map((item) => (
            <Card key={item.id} size="small">
              <Flex justify="space-between" align="center" gap={8} wrap>
                <Flex vertical gap={4}>
                  <Link to={incidentPath(item.id)}>
                    <Typography.Text strong>{item.drill ? `${e.drillMark}${item.title}` : item.title}</Typography.Text>
                  </Link>
                  <Space wrap size={4}>
                    {item.drill && <Tag color="purple">{e.drill}</Tag>}
                    <Tag color={LEVEL_TAG_COLORS[item.level]}>{e.levels[item.level]}</Tag>
                    <Tag color={item.status === 'active' ? 'processing' : 'default'}>{e.statuses[item.status]}</Tag>
                    {item.unconfirmedTasks > 0 && (
                      <Tag color="warning">{format(e.unconfirmedCount, { n: item.unconfirmedTasks })}</Tag>
                    )}
                  </Space>
                  <Typography.Text type="secondary">
                    {item.unitName} · {formatDateTime(item.activatedAt, locale)}
                  </Typography.Text>
                </Flex>
                <Link to={incidentPath(item.id)}>
                  <Button>{e.openIncident}</Button>
                </Link>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {tab === 'plans' && (
        <Flex vertical gap={8} data-testid="plan-list">
          {canKeep && (
            <div>
              <Button type="primary" onClick={() => setEditing('new')} data-testid="plan-new">
                {e.newPlan}
              </Button>
            </div>
          )}
          {plans.error !== null && <Alert type="error" showIcon title={errorText(t, plans.error, locale)} />}
          {plans.data?.items.length === 0 && <Empty description={e.noPlans} />}
          {plans.data?.items.map((plan) => (
            <Card
              key={plan.id}
              size="small"
              title={plan.title}
              extra={<Typography.Text type="secondary">{format(e.version, { version: plan.version })}</Typography.Text>}
            >
              <Flex vertical gap={6}>
                <Space wrap size={4}>
                  <Tag color={LEVEL_TAG_COLORS[plan.level]}>{e.levels[plan.level]}</Tag>
                  <Tag>{e.incidentTypes[plan.incidentType]}</Tag>
                  <Tag>{plan.unitName}</Tag>
                  {!plan.active && <Tag>{e.inactive}</Tag>}
                </Space>
                {plan.roles.map((r) => (
                  <Typography.Text key={r.role}>
                    {e.roles[r.role]}：{r.people.map((p) => p.name).join('、')}
                  </Typography.Text>
                ))}
                <Space wrap>
                  {plan.canActivate && (
                    <Button danger onClick={() => setStarting({ plan, drill: false })}>
                      {e.activate}
                    </Button>
                  )}
                  {plan.canDrill && (
                    <Button onClick={() => setStarting({ plan, drill: true })} data-testid="plan-drill">
                      {e.startDrill}
                    </Button>
                  )}
                  {plan.canManage && <Button onClick={() => setEditing(plan)}>{e.editPlan}</Button>}
                </Space>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
      {starting !== null && (
        <ActivatePlanModal
          open
          onClose={() => setStarting(null)}
          source={{ kind: 'leader' }}
          drill={starting.drill}
          planId={starting.plan.id}
          level={starting.plan.level}
        />
      )}
      {editing !== null && (
        <PlanModal
          plan={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setPlansVersion((v) => v + 1);
          }}
        />
      )}
    </Flex>
  );
}
