import { useCallback, useState } from 'react';
import { App, Button, Card, Flex, Popconfirm, Typography } from 'antd';
import { Link } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import type { RepeatListView } from '../../../../common/schemas/text.ts';
import { act } from '../../api/petition.ts';
import { findRepeats } from '../../api/text.ts';
import { petitionPath } from '../../app/paths.ts';
import { errorText } from '../../components/error-text.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { RepeatReasons } from './RepeatReasons.tsx';

type Props = {
  petition: PetitionDetailView;
  onChanged: (next: PetitionDetailView) => void;
  /** The likely repeats as the case page's one request brought them. */
  initial?: RepeatListView | undefined;
};

/**
 * 疑似重复 on the case page (petition offices, open cases): earlier cases of likely the same matter,
 * with 关联为重复访 (link) and 并单 (merge: this case is not accepted, pointing to the main case).
 */
export function SimilarCasesCard({ petition, onChanged, initial }: Props) {
  const t = useT();
  const r = t.textEngine.repeats;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const { id, title, body } = petition;
  // Offices on an open case only (the server lists linkRepeat then); others never ask.
  const canLink = petition.actions.includes('linkRepeat');
  const load = useCallback(
    () =>
      canLink ? findRepeats({ title, body, excludeId: id }) : Promise.resolve({ items: [], notAcceptAgain: false }),
    [canLink, id, title, body],
  );
  const found = useLoader(load, initial);
  if (!canLink) return null;
  const items = found.data?.items ?? [];

  const run = async (key: string, verbPath: string, payload: object, done: string) => {
    setBusy(key);
    try {
      onChanged(await act(id, verbPath, payload, petition.version));
      void message.success(done);
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={r.cardTitle} loading={found.loading} data-testid="similar-cases">
      {items.length === 0 ? (
        <Typography.Text type="secondary">{r.cardEmpty}</Typography.Text>
      ) : (
        <Flex vertical gap={10}>
          {found.data?.notAcceptAgain === true && <Typography.Text type="danger">{r.notAcceptAgain}</Typography.Text>}
          {items.map((candidate) => {
            const other = candidate.petition;
            const linked = petition.flags.repeat && petition.events.some((e) => e.data.repeatOf === other.id);
            return (
              <Flex key={other.id} vertical gap={4}>
                <Link to={petitionPath(other.id)}>
                  {other.caseNumber} {other.title}
                </Link>
                <Flex wrap gap={6} align="center">
                  <RepeatReasons candidate={candidate} />
                  <Button
                    size="small"
                    disabled={linked}
                    loading={busy === `link-${other.id}`}
                    onClick={() => void run(`link-${other.id}`, 'link-repeat', { repeatOfId: other.id }, r.linked)}
                    data-testid={`link-repeat-${other.id}`}
                  >
                    {linked ? r.linked : r.link}
                  </Button>
                  {petition.actions.includes('notAccept') && (
                    <Popconfirm
                      title={format(r.mergeConfirm, { caseNumber: other.caseNumber })}
                      onConfirm={() =>
                        void run(
                          `merge-${other.id}`,
                          'not-accept',
                          {
                            reason: format(r.mergeReason, { caseNumber: other.caseNumber }),
                            relatedPetitionId: other.id,
                          },
                          r.merged,
                        )
                      }
                    >
                      <Button
                        size="small"
                        danger
                        loading={busy === `merge-${other.id}`}
                        data-testid={`merge-${other.id}`}
                      >
                        {r.merge}
                      </Button>
                    </Popconfirm>
                  )}
                </Flex>
              </Flex>
            );
          })}
        </Flex>
      )}
    </Card>
  );
}
