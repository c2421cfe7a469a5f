import { useCallback, useState } from 'react';
import { Alert, Card, Flex, Tabs } from 'antd';
import { useNavigate } from 'react-router';
import { listPetitions, type PetitionFilter } from '../../api/petition.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionTable } from './PetitionTable.tsx';

type Tab = 'supervised' | 'overdue';

const TAB_FILTERS: Record<Tab, Omit<PetitionFilter, 'page' | 'pageSize'>> = {
  supervised: { flag: 'supervised', sort: 'due_asc' },
  overdue: { open: 'true', overdue: 'true', sort: 'due_asc' },
};

/** 督办视图: supervised cases, and open cases past a time limit, most urgent first. */
export function SupervisionPage() {
  const t = useT();
  const w = t.work;
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [tab, setTab] = useState<Tab>('supervised');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });

  const load = useCallback(() => listPetitions({ ...TAB_FILTERS[tab], ...paging }), [tab, paging]);
  const petitions = useLoader(load);

  const table = (
    <Flex vertical gap={16}>
      {petitions.error !== null && <Alert type="error" showIcon title={errorText(t, petitions.error, locale)} />}
      <PetitionTable
        view={petitions.data}
        loading={petitions.loading}
        onPage={(page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize })}
        onOpen={(row) => void navigate(petitionPath(row.id))}
      />
    </Flex>
  );

  return (
    <Card title={w.supervisionTitle}>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key === 'overdue' ? 'overdue' : 'supervised');
          setPaging({ page: 1, pageSize: paging.pageSize });
        }}
        items={[
          { key: 'supervised', label: w.supervisedTab, children: tab === 'supervised' ? table : null },
          { key: 'overdue', label: w.overdueTab, children: tab === 'overdue' ? table : null },
        ]}
        data-testid="supervision-tabs"
      />
    </Card>
  );
}
