import { Alert, Typography } from 'antd';
import { format, type Catalog } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { isPetitionVerb } from './verb-forms.ts';

/**
 * The written notices the petitioner is still owed (第23条 受理/不予受理告知, 第34条 延期告知) and what
 * is missing for each: the document, or its delivery. The deadline is met only once it went out.
 */
export function OwedNotices({ owed }: { owed: PetitionDetailView['owedNotices'] }) {
  const t = useT();
  const o = t.petitions.owedNotices;
  if (owed.length === 0) return null;
  const kindLabel = (kind: keyof Catalog['documents']['kinds']) => t.documents.kinds[kind];
  return (
    <Alert
      type="warning"
      showIcon
      title={o.title}
      data-testid="petition-owed-notices"
      description={
        <>
          {owed.map((notice) => (
            <div key={`${notice.kind}-${notice.stepAt}`} data-testid={`owed-${notice.kind}-${notice.missing}`}>
              {format(notice.missing === 'document' ? o.document : o.delivery, {
                kind: kindLabel(notice.kind),
                step: isPetitionVerb(notice.step) ? t.petitions.verbs[notice.step] : notice.step,
              })}
            </div>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.hint}
          </Typography.Text>
        </>
      }
    />
  );
}
