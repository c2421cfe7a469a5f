import type { ReactNode } from 'react';
import { Flex, Tag, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { ArticleHitView } from '../../../../common/schemas/knowledge.ts';
import { useT } from '../../i18n/locale-context.ts';

/**
 * One article version as found, suggested or cited: 《title》number, its kind, the range it is in force
 * and its text (three lines, expandable); `extra` holds the caller's buttons and reason tags.
 */
export function ArticleQuote({ hit, extra, testId }: { hit: ArticleHitView; extra?: ReactNode; testId?: string }) {
  const t = useT();
  const k = t.knowledge;
  const title = hit.documentTitle.startsWith('《') ? hit.documentTitle : `《${hit.documentTitle}》`;
  const range =
    hit.effectiveTo === null
      ? format(k.versionOpen, { from: hit.effectiveFrom })
      : format(k.versionRange, { from: hit.effectiveFrom, to: hit.effectiveTo });
  return (
    <Flex vertical gap={2} style={{ width: '100%' }} data-testid={testId}>
      <Flex wrap gap={6} align="center" justify="space-between">
        <Typography.Text strong>
          {title}
          {hit.number}
        </Typography.Text>
        <Flex wrap gap={4} align="center">
          <Tag>{k.kinds[hit.documentKind]}</Tag>
          {!hit.inForce && <Tag color="default">{k.notInForce}</Tag>}
          {extra}
        </Flex>
      </Flex>
      <Typography.Paragraph
        type="secondary"
        style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}
        ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (expanded) => (expanded ? k.less : k.more) }}
      >
        {hit.text}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {range}
      </Typography.Text>
    </Flex>
  );
}
