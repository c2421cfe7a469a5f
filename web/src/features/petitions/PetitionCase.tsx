import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Result, Row, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { format, type PetitionVerb } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { getPetition } from '../../api/petition.ts';
import { listUnits } from '../../api/unit.ts';
import { PETITIONS_PATH } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { ActionBar } from './ActionBar.tsx';
import { ActionModal } from './ActionModal.tsx';
import { DocumentsCard } from '../documents/DocumentsCard.tsx';
import { RiskTag } from '../warnings/RiskTag.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { DeadlinesCard } from './DeadlinesCard.tsx';
import { MessagesCard } from './MessagesCard.tsx';
import { PetitionBasics } from './PetitionBasics.tsx';
import { PetitionersCard } from './PetitionersCard.tsx';
import { PetitionFlags } from './PetitionFlags.tsx';
import { PetitionStateTag } from './PetitionStateTag.tsx';
import { PetitionTimeline } from './PetitionTimeline.tsx';
import { SimilarCasesCard } from '../text/SimilarCasesCard.tsx';

/** The case page's content for one petition id; a verb's answer replaces the detail shown. */
export function PetitionCase({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => getPetition(id), [id]);
  const loaded = useLoader(load);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);
  const [replaced, setReplaced] = useState<PetitionDetailView | null>(null);
  const [verb, setVerb] = useState<PetitionVerb | null>(null);

  const detail =
    replaced !== null && (loaded.data === undefined || replaced.version >= loaded.data.version)
      ? replaced
      : loaded.data;

  if (detail === undefined) {
    if (loaded.loading) return <PageSpinner />;
    return (
      <Result
        status="warning"
        title={errorText(t, loaded.error, locale)}
        extra={<Link to={PETITIONS_PATH}>{t.petitions.backToList}</Link>}
      />
    );
  }

  return (
    <Flex vertical gap={16}>
      <Card>
        <Flex vertical gap={8}>
          <Flex wrap gap={8} align="center" justify="space-between">
            <Link to={PETITIONS_PATH}>
              <ArrowLeftOutlined /> {t.petitions.backToList}
            </Link>
            <Button icon={<ReloadOutlined />} onClick={loaded.reload} loading={loaded.loading}>
              {t.common.refresh}
            </Button>
          </Flex>
          <Flex wrap gap={8} align="center">
            <Typography.Text code data-testid="petition-case-number">
              {detail.caseNumber}
            </Typography.Text>
            <PetitionStateTag state={detail.state} testId="petition-state" />
            <PetitionFlags flags={detail.flags} />
            <RiskTag risk={detail.risk} showNone />
            <Typography.Text type="secondary">
              {format(t.petitions.version, { version: detail.version })}
            </Typography.Text>
          </Flex>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="petition-title">
            {detail.title}
          </Typography.Title>
          {loaded.error !== null && <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} />}
          <ActionBar actions={detail.actions} waiting={detail.waiting} onAct={setVerb} />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t.petitions.basics}>
              <PetitionBasics petition={detail} />
            </Card>
            <DeadlinesCard deadlines={detail.deadlines} />
            <SimilarCasesCard petition={detail} onChanged={setReplaced} />
            <PetitionersCard petition={detail} />
            <Card size="small" title={t.petitions.body}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="petition-body">
                {detail.body}
              </Typography.Paragraph>
            </Card>
            <DocumentsCard key={detail.version} petitionId={detail.id} />
            <MessagesCard petitionId={detail.id} />
            <AttachmentsCard petitionId={detail.id} canUpload={detail.actions.includes('addNote')} />
          </Flex>
        </Col>
        <Col xs={24} xl={9}>
          <PetitionTimeline events={detail.events} />
        </Col>
      </Row>
      <ActionModal
        petition={detail}
        verb={verb}
        units={units.data ?? []}
        onCancel={() => setVerb(null)}
        onDone={(next) => {
          setVerb(null);
          setReplaced(next);
          void message.success(t.common.saved);
        }}
      />
    </Flex>
  );
}
