import { Tag } from 'antd';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The flags of a case (集体访, 越级, 重复, 匿名, 督办) as small tags. */
export function PetitionFlags({ flags }: { flags: PetitionSummaryView['flags'] }) {
  const t = useT();
  const f = t.petitions.flags;
  return (
    <>
      {flags.group && <Tag color="red">{f.group}</Tag>}
      {flags.skipLevel && <Tag color="volcano">{f.skip_level}</Tag>}
      {flags.repeat && <Tag color="orange">{f.repeat}</Tag>}
      {flags.first && <Tag>{f.first}</Tag>}
      {flags.anonymous && <Tag>{f.anonymous}</Tag>}
      {flags.supervision !== null && <Tag color="magenta">{t.petitions.supervision[flags.supervision]}</Tag>}
    </>
  );
}
