import { Alert, Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { partnerWorkspace } from '../../api/partner.ts';
import { partnerSessionPath, petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from '../petitions/PetitionStateTag.tsx';

/** 我的协作: a partner's own view — the sessions it sits in and the cases it is invited to now, nothing else. */
export function PartnerWorkspacePage() {
  const t = useT();
  const w = t.partner.workspace;
  const { locale } = useLocale();
  const loaded = useLoader(partnerWorkspace);
  const data = loaded.data;
  return (
    <Flex vertical gap={16}>
      <Card title={w.title}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {w.description}
        </Typography.Paragraph>
        {loaded.error !== null && <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />}
        {data !== undefined && data.sessions.length === 0 && data.cases.length === 0 && (
          <Typography.Paragraph style={{ marginTop: 16 }}>{w.empty}</Typography.Paragraph>
        )}
      </Card>
      <Card size="small" title={w.cases}>
        <List
          loading={loaded.loading}
          dataSource={data?.cases ?? []}
          locale={{ emptyText: t.common.empty }}
          data-testid="workspace-cases"
          renderItem={(item) => (
            <List.Item>
              <Flex vertical gap={4} style={{ width: '100%' }}>
                <Flex wrap gap={8} align="center">
                  <Link to={petitionPath(item.petitionId)} data-testid={`workspace-case-${item.caseNumber}`}>
                    {item.caseNumber}
                  </Link>
                  <PetitionStateTag state={item.state} />
                </Flex>
                <Typography.Text>{item.title}</Typography.Text>
                <Typography.Text type="secondary">
                  {t.partner.case.expiresAt}：{formatDateTime(item.expiresAt, locale)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
      <Card size="small" title={w.sessions}>
        <List
          loading={loaded.loading}
          dataSource={data?.sessions ?? []}
          locale={{ emptyText: t.common.empty }}
          renderItem={(item) => (
            <List.Item>
              <Flex vertical gap={4}>
                <Link to={partnerSessionPath(item.id)}>{item.title}</Link>
                <Typography.Text type="secondary">
                  {item.place} · {formatDateTime(item.startsAt, locale)}
                </Typography.Text>
                <span>
                  <Tag>
                    {t.partner.sessions.caseCount} {item.caseCount}
                  </Tag>
                </span>
              </Flex>
            </List.Item>
          )}
        />
      </Card>
    </Flex>
  );
}
