import { useCallback, useMemo } from 'react';
import { Alert, Button, Card, Flex, Grid, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { listPetitions, type PetitionFilter } from '../../api/petition.ts';
import { listUnits } from '../../api/unit.ts';
import { petitionPath, PETITION_NEW_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionFilters } from './PetitionFilters.tsx';
import { PetitionTable } from './PetitionTable.tsx';
import { LedgerExportButtons } from '../ledger/LedgerExportButtons.tsx';
import { filterFromSearch, searchOfFilter } from './list-search.ts';
import { listTotalText } from './list-total.ts';

/**
 * 信访事项: the cases of the viewer's scope, filtered and paged on the server. Every filter and the
 * page are in the address (list-search.ts): a change is a new history entry, so the back button
 * returns to the previous list and a copied link opens the same one.
 */
export function PetitionListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const canRegister = useReach('petition.register') !== 'none';
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filter = useMemo(() => filterFromSearch(new URLSearchParams(search)), [search]);
  const setFilter = (next: PetitionFilter) => setParams(searchOfFilter(next));

  const loadPetitions = useCallback(() => listPetitions(filter), [filter]);
  const petitions = useLoader(loadPetitions);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);

  const loadError = petitions.error ?? units.error;
  const view = petitions.data;
  // On a phone the buttons go below the title: beside it they would push it out of the card's head.
  const narrow = Grid.useBreakpoint().md === false;
  const actions = (
    <Space wrap>
      <LedgerExportButtons filter={filter} />
      {canRegister && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => void navigate(PETITION_NEW_PATH)}
          data-testid="petition-register"
        >
          {t.petitions.register}
        </Button>
      )}
    </Space>
  );
  return (
    <Card
      title={
        <Flex gap={12} align="baseline" wrap>
          {t.petitions.title}
          {view !== undefined && (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal' }} data-testid="petition-total">
              {listTotalText(t, locale, view, view.total)}
            </Typography.Text>
          )}
        </Flex>
      }
      extra={narrow ? undefined : actions}
      styles={{ body: { padding: narrow ? 12 : 16 } }}
    >
      <Flex vertical gap={12}>
        {narrow && actions}
        <PetitionFilters units={units.data ?? []} filter={filter} onChange={setFilter} collapsed={narrow} />
        {loadError !== null && <Alert type="error" showIcon title={errorText(t, loadError, locale)} />}
        <PetitionTable
          view={petitions.data}
          loading={petitions.loading}
          onPage={(page, pageSize) => setFilter({ ...filter, page: pageSize === filter.pageSize ? page : 1, pageSize })}
          onOpen={(row) => void navigate(petitionPath(row.id))}
        />
      </Flex>
    </Card>
  );
}
