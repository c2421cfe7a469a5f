import { Descriptions, Tag, type DescriptionsProps } from 'antd';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/** The facts of a case: how and when it came in, who handles it and who owns it. */
export function PetitionBasics({ petition }: { petition: PetitionDetailView }) {
  const t = useT();
  const p = t.petitions;
  const { locale } = useLocale();
  const none = t.common.none;
  const items: DescriptionsProps['items'] = [
    { key: 'channel', label: p.channel, children: p.channels[petition.channel] },
    { key: 'type', label: p.type, children: p.types[petition.type] },
    { key: 'purpose', label: p.purpose, children: p.purposes[petition.purpose] },
    { key: 'category', label: p.categoryCode, children: petition.categoryName ?? petition.categoryCode ?? none },
    { key: 'received', label: p.received, children: formatDateTime(petition.receivedAt, locale) },
    { key: 'registeredUnit', label: p.registeredUnit, children: petition.registeredUnitName },
    { key: 'handlingUnit', label: p.handlingUnit, children: petition.handlingUnitName ?? none },
    {
      key: 'owner',
      label: p.owner,
      children:
        petition.ownerName === null ? (
          none
        ) : (
          <>
            {petition.ownerName}{' '}
            {petition.ownerConfirmedAt === null ? (
              <Tag color="orange">{p.ownerUnconfirmed}</Tag>
            ) : (
              <Tag color="green">{p.ownerConfirmed}</Tag>
            )}
          </>
        ),
    },
    { key: 'headcount', label: p.headcount, children: petition.headcount },
  ];
  if (petition.replyResult !== null)
    items.push({ key: 'result', label: p.field.result, children: p.replyResults[petition.replyResult] });
  if (petition.outcomes.length > 0)
    items.push({
      key: 'outcomes',
      label: p.field.outcomes,
      children: petition.outcomes.map((o) => p.outcomes[o]).join(t.petitions.listSeparator),
    });
  if (petition.satisfaction !== null)
    items.push({ key: 'satisfaction', label: p.field.satisfaction, children: petition.satisfaction });
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 3 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={items}
    />
  );
}
