import { SuggestedArticlesCard } from '../knowledge/SuggestedArticlesCard.tsx';
import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Col, Flex, Result, Row, Typography } from 'antd';
import { ArrowLeftOutlined, ReloadOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { format, type PetitionVerb } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { getCasePage } from '../../api/petition.ts';
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
import { OwedNotices } from './OwedNotices.tsx';
import { ReferralCard } from './ReferralCard.tsx';
import { PetitionBasics } from './PetitionBasics.tsx';
import { PetitionersCard } from './PetitionersCard.tsx';
import { NamedPersonsCard } from './NamedPersonsCard.tsx';
import { PetitionFlags } from './PetitionFlags.tsx';
import { PetitionStateTag } from './PetitionStateTag.tsx';
import { PetitionTimeline } from './PetitionTimeline.tsx';
import { SimilarCasesCard } from '../text/SimilarCasesCard.tsx';
import { IntakeRecordsCard } from '../intake/IntakeRecordsCard.tsx';
import { CaseHazardsCard } from '../prevention/CaseHazardsCard.tsx';
import { ReceptionLeaderNote } from '../duty/ReceptionLeaderNote.tsx';
import { CasePartnersCard } from '../partner/CasePartnersCard.tsx';

/** The case page's content for one petition id; a verb's answer replaces the detail shown. */
export function PetitionCase({ id }: { id: string }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  // One request for the whole page (the case and its cards); the cards ask again only after a change.
  const load = useCallback(() => getCasePage(id), [id]);
  const loaded = useLoader(load);
  const [replaced, setReplaced] = useState<PetitionDetailView | null>(null);
  const [verb, setVerb] = useState<PetitionVerb | null>(null);
  // The unit tree serves only the forms of the verbs: asked when the first one opens.
  const [formsOpened, setFormsOpened] = useState(false);
  const loadUnits = useCallback(() => (formsOpened ? listUnits(false) : Promise.resolve([])), [formsOpened]);
  const units = useLoader(loadUnits);
  const page = loaded.data;

  const detail =
    replaced !== null && (page === undefined || replaced.version >= page.petition.version) ? replaced : page?.petition;
  // What the page's request brought stands for the cards only while the case is the one it brought.
  const first = page !== undefined && detail?.version === page.petition.version ? page : undefined;

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
          <ActionBar
            actions={detail.actions}
            waiting={detail.waiting}
            onAct={(next) => {
              setFormsOpened(true);
              setVerb(next);
            }}
          />
        </Flex>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Flex vertical gap={16}>
            <Card size="small" title={t.petitions.basics}>
              <PetitionBasics petition={detail} />
            </Card>
            <OwedNotices owed={detail.owedNotices} />
            <DeadlinesCard deadlines={detail.deadlines} />
            <SuggestedArticlesCard petition={detail} />
            <ReferralCard petition={detail} />
            <CasePartnersCard key={`partners-${detail.version}`} petitionId={detail.id} onChanged={loaded.reload} />
            <SimilarCasesCard petition={detail} onChanged={setReplaced} initial={first?.similar ?? undefined} />
            <PetitionersCard petition={detail} />
            <NamedPersonsCard petition={detail} units={units.data ?? []} onChanged={setReplaced} />
            {detail.channel === 'visit' && <ReceptionLeaderNote petitionId={detail.id} />}
            <IntakeRecordsCard petitionId={detail.id} version={detail.version} />
            <CaseHazardsCard petitionId={detail.id} version={detail.version} />
            <Card size="small" title={t.petitions.body}>
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="petition-body">
                {detail.body}
              </Typography.Paragraph>
            </Card>
            <DocumentsCard key={detail.version} petitionId={detail.id} initial={first?.documents} />
            <MessagesCard petitionId={detail.id} initial={first?.messages} />
            <AttachmentsCard
              petitionId={detail.id}
              canUpload={detail.actions.includes('addNote')}
              initial={first?.attachments}
            />
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
