import { useCallback, useState } from 'react';
import { Alert, Button, Card, Flex, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate, useSearchParams } from 'react-router';
import { DrillDownSchema } from '../../../../common/schemas/dashboard.ts';
import { listPetitions, type PetitionFilter } from '../../api/petition.ts';
import { listUnits } from '../../api/unit.ts';
import { petitionPath, PETITION_NEW_PATH } from '../../app/paths.ts';
import { useSession } from '../../app/session-context.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { hasAction } from '../../../../common/domain/access.ts';
import { PetitionFilters } from './PetitionFilters.tsx';
import { PetitionTable } from './PetitionTable.tsx';
import { LedgerExportButtons } from '../ledger/LedgerExportButtons.tsx';

/** 信访事项: the cases of the viewer's scope, filtered and paged on the server. */
export function PetitionListPage() {
  const t = useT();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const { user } = useSession();
  const [params] = useSearchParams();
  // Filters in the address (a dashboard drill-down, a shared link) start the list; unknown keys are ignored.
  const [filter, setFilter] = useState<PetitionFilter>(() => {
    const fromUrl = DrillDownSchema.safeParse(Object.fromEntries(params));
    return { ...(fromUrl.success ? fromUrl.data : {}), page: 1, pageSize: 20, sort: 'received_desc' };
  });

  const loadPetitions = useCallback(() => listPetitions(filter), [filter]);
  const petitions = useLoader(loadPetitions);
  const loadUnits = useCallback(() => listUnits(false), []);
  const units = useLoader(loadUnits);

  const loadError = petitions.error ?? units.error;
  return (
    <Card
      title={t.petitions.title}
      extra={
        <Space>
          <LedgerExportButtons filter={filter} />
          {hasAction(user.role, 'petition.register') && (
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
      }
    >
      <Flex vertical gap={16}>
        <PetitionFilters units={units.data ?? []} filter={filter} onChange={setFilter} />
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
