import { Alert, Flex, Typography } from 'antd';
import { Link } from 'react-router';
import type { RepeatQueryInput } from '../../../../common/schemas/text.ts';
import { findRepeats } from '../../api/text.ts';
import { petitionPath } from '../../app/paths.ts';
import { useT } from '../../i18n/locale-context.ts';
import { RepeatReasons } from './RepeatReasons.tsx';
import { useDebouncedRequest } from './use-debounced-request.ts';

/** Below this many characters of text nothing is asked: a few words match too much. */
const MIN_TEXT = 12;

type Props = {
  title: string;
  body: string;
  identity?: RepeatQueryInput['identity'];
  /** The category chosen so far: the same person's open or recent case of it is offered too. */
  categoryCode?: string | undefined;
};

/**
 * 可能重复 on the registration form: while the officer types (debounced), the cases in their scope
 * whose text is likely the same matter, with similarity and reasons, each linked to its case page.
 */
export function RepeatSuggestions({ title, body, identity, categoryCode }: Props) {
  const r = useT().textEngine.repeats;
  const enough = `${title}${body}`.trim().length >= MIN_TEXT;
  const found = useDebouncedRequest(
    enough
      ? {
          title,
          body,
          ...(identity === undefined ? {} : { identity }),
          ...(categoryCode === undefined || categoryCode === '' ? {} : { categoryCode }),
        }
      : null,
    findRepeats,
  );
  if (found === null || found.items.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="repeat-suggestions"
      title={r.title}
      description={
        <Flex vertical gap={6}>
          <Typography.Text type="secondary">{r.hint}</Typography.Text>
          {found.notAcceptAgain && <Typography.Text type="danger">{r.notAcceptAgain}</Typography.Text>}
          {found.items.map((candidate) => (
            <Flex key={candidate.petition.id} wrap gap={6} align="center">
              <Link to={petitionPath(candidate.petition.id)} target="_blank">
                {candidate.petition.caseNumber} {candidate.petition.title}
              </Link>
              <RepeatReasons candidate={candidate} />
            </Flex>
          ))}
        </Flex>
      }
    />
  );
}
