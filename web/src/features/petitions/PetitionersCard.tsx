import { Alert, Card, Tag, type TableColumnsType } from 'antd';
import { DataTable } from '../../components/DataTable.tsx';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';

type Petitioner = NonNullable<PetitionDetailView['petitioners']>[number];

/** Who filed the case, masked as the server sends it; a notice when the viewer may not see them (被反映人: NamedPersonsCard). */
export function PetitionersCard({ petition }: { petition: PetitionDetailView }) {
  const t = useT();
  const p = t.petitions;
  const none = t.common.none;
  const columns: TableColumnsType<Petitioner> = [
    {
      title: p.name,
      key: 'name',
      render: (_, row) =>
        row.isRepresentative ? (
          <>
            {row.name} <Tag color="blue">{p.representative}</Tag>
          </>
        ) : (
          row.name
        ),
    },
    { title: p.idNumber, key: 'idNumber', render: (_, row) => row.idNumber ?? none },
    { title: p.phone, key: 'phone', render: (_, row) => row.phone ?? none },
    { title: p.identity, key: 'identity', render: (_, row) => p.identities[row.identity] },
  ];
  let content;
  if (petition.petitioners === null)
    // Why it is hidden: an accusation's filer is the office's alone (第30条); on any other case the
    // viewer was simply not given the identity (an auditor, a partner the office did not authorise).
    content = (
      <Alert
        type="info"
        showIcon
        title={petition.type === 'accusation' ? p.petitionersHidden : p.petitionersNotGranted}
        data-testid="petitioners-hidden"
      />
    );
  else if (petition.flags.anonymous) content = <Alert type="info" showIcon title={p.anonymousNotice} />;
  else
    content = (
      <DataTable<Petitioner>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={petition.petitioners}
        pagination={false}
        scroll={{ x: 560 }}
      />
    );
  return (
    <Card size="small" title={p.petitioners}>
      {content}
    </Card>
  );
}
