import { Flex, Tag } from 'antd';
import type { ReturnCounts } from '../../../../common/schemas/prevention.ts';
import { useT } from '../../i18n/locale-context.ts';

/** A return count line: answered of due, nil, with hazards, overdue (red when any). */
export function ReturnCountTags({ counts, testId }: { counts: ReturnCounts; testId?: string }) {
  const c = useT().prevention.counts;
  return (
    <Flex gap={4} wrap data-testid={testId}>
      <Tag>
        {c.answered} {counts.answered}/{counts.total}
      </Tag>
      <Tag color="green">
        {c.nil} {counts.nil}
      </Tag>
      <Tag color={counts.withHazards > 0 ? 'orange' : 'default'}>
        {c.hazards} {counts.hazards}
      </Tag>
      <Tag color={counts.missing > 0 ? 'red' : 'default'}>
        {c.missing} {counts.missing}
      </Tag>
    </Flex>
  );
}
