import { Flex, Typography } from 'antd';
import type { PetitionSummaryView } from '../../../../common/schemas/petition.ts';
import { CellText } from '../../components/CellText.tsx';
import { Marked } from '../../components/Marked.tsx';
import { PetitionFlags } from './PetitionFlags.tsx';

/** The title on one line (cut only when it does not fit), its flags beside it, a search excerpt below. */
export function PetitionTitleCell({ row }: { row: PetitionSummaryView }) {
  return (
    <Flex vertical gap={0} style={{ minWidth: 0 }}>
      <Flex gap={6} align="center" style={{ minWidth: 0 }}>
        <span style={{ minWidth: 0, flex: '0 1 auto', display: 'flex' }}>
          <CellText text={row.title} strong>
            {row.highlight?.field === 'title' ? <Marked highlight={row.highlight} /> : undefined}
          </CellText>
        </span>
        <span style={{ flex: 'none', display: 'inline-flex' }}>
          <PetitionFlags flags={row.flags} />
        </span>
      </Flex>
      {row.highlight?.field === 'body' && (
        <Typography.Text type="secondary" ellipsis style={{ fontSize: 12 }}>
          <Marked highlight={row.highlight} />
        </Typography.Text>
      )}
    </Flex>
  );
}
