import { useCallback, useState } from 'react';
import { Button, Empty, Flex, Input, List, Tag, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import { MAX_CITATIONS, type ArticleHitView } from '../../../../common/schemas/knowledge.ts';
import { articleVersionsById, searchKnowledgeArticles, suggestedArticles } from '../../api/knowledge.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useT } from '../../i18n/locale-context.ts';
import { ArticleQuote } from './ArticleQuote.tsx';

type Props = {
  petitionId: string;
  /** The article version ids cited, in order (a Form.Item control's value). */
  value?: string[] | undefined;
  onChange?: ((ids: string[]) => void) | undefined;
  id?: string | undefined;
};

/**
 * 引用条款 in a reply's or opinion's dialog: the cited articles (removable), the case's suggested
 * articles and a search of the library, each with 引用. Citations are article version ids; the server
 * checks each is in force on the document's date (the field is named when one is not).
 */
export function CitationPicker({ petitionId, value, onChange, id }: Props) {
  const t = useT();
  const k = t.knowledge;
  const cited = value ?? [];
  const [known, setKnown] = useState<Record<string, ArticleHitView>>({});
  const [query, setQuery] = useState('');
  const loadSuggestions = useCallback(() => suggestedArticles(petitionId), [petitionId]);
  const suggestions = useLoader(loadSuggestions);
  const loadSearch = useCallback(
    () => (query.trim() === '' ? Promise.resolve(undefined) : searchKnowledgeArticles({ q: query, limit: 20 })),
    [query],
  );
  const search = useLoader(loadSearch);
  // Citations given before the dialog opened (none today) are looked up once, so their titles show.
  const missing = cited.filter((versionId) => known[versionId] === undefined);
  const loadMissing = useCallback(
    () => (missing.length === 0 ? Promise.resolve(undefined) : articleVersionsById(missing)),
    // Keyed by the ids: a new array of the same ids asks nothing again.
    [missing.join(',')],
  );
  const looked = useLoader(loadMissing);
  const byId = { ...Object.fromEntries((looked.data?.items ?? []).map((h) => [h.versionId, h])), ...known };

  const add = (hit: ArticleHitView) => {
    if (cited.includes(hit.versionId) || cited.length >= MAX_CITATIONS) return;
    setKnown((current) => ({ ...current, [hit.versionId]: hit }));
    onChange?.([...cited, hit.versionId]);
  };
  const remove = (versionId: string) => onChange?.(cited.filter((c) => c !== versionId));

  const citeButton = (hit: ArticleHitView, testId: string) =>
    cited.includes(hit.versionId) ? (
      <Tag color="success">{k.cited}</Tag>
    ) : (
      <Button size="small" type="link" onClick={() => add(hit)} data-testid={testId} disabled={!hit.inForce}>
        {k.cite}
      </Button>
    );

  return (
    <Flex vertical gap={8} id={id} data-testid="citation-picker">
      <Typography.Text type="secondary">{k.citationsHint}</Typography.Text>
      {cited.length > 0 && (
        <List
          size="small"
          bordered
          dataSource={cited}
          data-testid="citations-selected"
          renderItem={(versionId) => {
            const hit = byId[versionId];
            return (
              <List.Item key={versionId}>
                {hit === undefined ? (
                  <Typography.Text>{versionId}</Typography.Text>
                ) : (
                  <ArticleQuote
                    hit={hit}
                    extra={
                      <Button size="small" type="link" danger onClick={() => remove(versionId)}>
                        {k.remove}
                      </Button>
                    }
                  />
                )}
              </List.Item>
            );
          }}
        />
      )}
      <Typography.Text strong>{k.suggestions}</Typography.Text>
      {/* The suggestions scroll in a box of their own: the step's own fields stay in view below them. */}
      <List
        size="small"
        style={{ maxHeight: 240, overflowY: 'auto' }}
        loading={suggestions.loading}
        dataSource={suggestions.data?.items ?? []}
        locale={{ emptyText: k.noSuggestions }}
        renderItem={(hit, index) => (
          <List.Item key={hit.versionId} style={{ paddingInline: 0 }}>
            <ArticleQuote hit={hit} extra={citeButton(hit, `cite-suggested-${index}`)} />
          </List.Item>
        )}
      />
      <Input.Search
        allowClear
        placeholder={k.searchPlaceholder}
        enterButton={k.citeSearch}
        onSearch={(text) => setQuery(text)}
        data-testid="citation-search"
      />
      {search.data !== undefined &&
        (search.data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={k.noHits} />
        ) : (
          <List
            size="small"
            loading={search.loading}
            header={
              <Typography.Text type="secondary">{format(k.hits, { count: search.data.items.length })}</Typography.Text>
            }
            dataSource={search.data.items}
            renderItem={(hit, index) => (
              <List.Item key={hit.versionId} style={{ paddingInline: 0 }}>
                <ArticleQuote hit={hit} extra={citeButton(hit, `cite-found-${index}`)} />
              </List.Item>
            )}
          />
        ))}
    </Flex>
  );
}
