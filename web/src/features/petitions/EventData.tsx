import { Typography } from 'antd';
import { format, type Catalog } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import type { FieldName } from './verb-forms.ts';

/** Event data worth showing, in this order; enumerations read through their catalog table. */
const SHOWN: readonly { key: FieldName; table?: (t: Catalog) => Record<string, string> }[] = [
  { key: 'type', table: (t) => t.petitions.types },
  { key: 'categoryCode' },
  { key: 'outcome', table: (t) => t.petitions.outcomes },
  { key: 'result', table: (t) => t.petitions.replyResults },
  { key: 'route', table: (t) => t.petitions.diversionRoutes },
  { key: 'level', table: (t) => t.petitions.supervision },
  { key: 'kind', table: (t) => t.petitions.mediationKinds },
  { key: 'deliveryMethod', table: (t) => t.petitions.deliveryMethods },
  { key: 'days' },
  { key: 'dueDate' },
  { key: 'reportDueDate' },
  { key: 'satisfaction' },
  { key: 'authority' },
  { key: 'toUnitName' },
  { key: 'reason' },
  { key: 'note' },
  { key: 'text' },
  { key: 'comment' },
  { key: 'agreement' },
  { key: 'opinion' },
];

/** The key data of one timeline event (reason, note, days, outcome …), labelled from the catalog. */
export function EventData({ kind, data }: { kind: string; data: PetitionDetailView['events'][number]['data'] }) {
  const t = useT();
  if (kind === 'generateDocument' || kind === 'deliverDocument') {
    const documentKind =
      typeof data.kind === 'string' && data.kind in t.documents.kinds
        ? t.documents.kinds[data.kind as keyof Catalog['documents']['kinds']]
        : '';
    const method =
      typeof data.method === 'string' && data.method in t.petitions.deliveryMethods
        ? t.petitions.deliveryMethods[data.method as keyof Catalog['petitions']['deliveryMethods']]
        : null;
    return (
      <div>
        <Typography.Text>
          {documentKind} {typeof data.number === 'string' ? data.number : ''}
        </Typography.Text>
        {method !== null && <Typography.Text type="secondary"> · {method}</Typography.Text>}
      </div>
    );
  }
  const lines = SHOWN.flatMap(({ key, table }) => {
    const value = data[key];
    if (typeof value !== 'string' && typeof value !== 'number') return [];
    if (value === '') return [];
    const text = table !== undefined && typeof value === 'string' ? (table(t)[value] ?? value) : String(value);
    return [{ key, text }];
  });
  // Citations are article version ids (the 意见书 quotes them); the timeline says how many.
  if (Array.isArray(data.citations) && data.citations.length > 0) {
    lines.push({ key: 'citations', text: format(t.knowledge.citationCount, { count: data.citations.length }) });
  }
  return (
    <>
      {lines.map((line) => (
        <div key={line.key}>
          <Typography.Text type="secondary">
            {format(t.petitions.fieldLabel, { label: t.petitions.field[line.key] })}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{line.text}</Typography.Text>
        </div>
      ))}
    </>
  );
}
