import { useCallback } from 'react';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { suggestedArticles } from '../../api/knowledge.ts';
import { KNOWLEDGE_PATH } from '../../app/paths.ts';
import { useReach } from '../../app/session-context.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { ArticleQuote } from './ArticleQuote.tsx';

/** The steps whose document states its legal basis (第32条, 第35–36条): who may take one sees the card. */
export const CITING_VERBS = ['draftReply', 'issueReviewOpinion', 'issueReconsiderationOpinion'] as const;

/**
 * 推荐条款 on the case page: the articles in force today that the case's category and words point to
 * (the server ranks them), for staff who may answer the case now — they cite them in the step's dialog.
 */
export function SuggestedArticlesCard({ petition }: { petition: PetitionDetailView }) {
  const t = useT();
  const k = t.knowledge;
  const canRead = useReach('knowledge.read') !== 'none';
  const answering = CITING_VERBS.some((verb) => petition.actions.includes(verb));
  const load = useCallback(
    () => (canRead && answering ? suggestedArticles(petition.id) : Promise.resolve(undefined)),
    // The category or text may change with any step.
    [canRead, answering, petition.id, petition.version],
  );
  const suggestions = useLoader(load);
  if (!canRead || !answering) return null;
  const items = suggestions.data?.items ?? [];
  return (
    <Card
      size="small"
      title={k.suggestions}
      extra={<Link to={KNOWLEDGE_PATH}>{k.openLibrary}</Link>}
      data-testid="suggested-articles"
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {k.suggestionsHint}
      </Typography.Paragraph>
      <List
        size="small"
        loading={suggestions.loading}
        dataSource={items}
        locale={{ emptyText: k.noSuggestions }}
        renderItem={(hit, index) => (
          <List.Item key={hit.versionId} style={{ paddingInline: 0, flexDirection: 'column', alignItems: 'stretch' }}>
            <ArticleQuote
              hit={hit}
              testId={`suggested-article-${index}`}
              extra={
                <Flex gap={4}>
                  {hit.reasons.map((reason) => (
                    <Tag key={reason} color={reason === 'category' ? 'blue' : 'green'}>
                      {k.reasons[reason]}
                    </Tag>
                  ))}
                </Flex>
              }
            />
            {hit.matchedWords.length > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {format(k.matched, { words: hit.matchedWords.join('、') })}
              </Typography.Text>
            )}
          </List.Item>
        )}
      />
    </Card>
  );
}
