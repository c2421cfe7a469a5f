import { Button, Flex, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { NamedPersonMatchView } from '../../../../common/schemas/named-person.ts';
import { matchNamedPersons } from '../../api/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { useDebouncedRequest } from '../text/use-debounced-request.ts';

type Match = NamedPersonMatchView['items'][number];

type Props = {
  name: string;
  unitId?: string | undefined;
  position?: string | undefined;
  /** The officer confirms: this account is the person. */
  onConfirm: (match: Match) => void;
  busy?: boolean;
  testId?: string;
};

/**
 * The accounts that may be the person named, proposed by the server as the officer types (name,
 * unit and position; the office's own subtree only), each with a button to confirm it.
 */
export function NamedPersonProposals({ name, unitId, position, onConfirm, busy = false, testId }: Props) {
  const n = useT().namedPersons;
  const trimmed = name.trim();
  const positionText = position?.trim() ?? '';
  const found = useDebouncedRequest(
    trimmed === ''
      ? null
      : {
          name: trimmed,
          ...(unitId === undefined ? {} : { unitId }),
          ...(positionText === '' ? {} : { position: positionText }),
        },
    matchNamedPersons,
    400,
  );
  if (found === null) return null;
  if (found.items.length === 0)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {n.proposalsNone}
      </Typography.Text>
    );
  return (
    <Flex vertical gap={4} data-testid={testId}>
      <Typography.Text type="secondary">{n.proposals}</Typography.Text>
      {found.items.map((match) => (
        <Flex key={match.userId} gap={8} align="center" wrap>
          <Typography.Text>
            {match.position === null
              ? format(n.proposal, { name: match.displayName, unit: match.unitPathName })
              : format(n.proposalPosition, {
                  name: match.displayName,
                  unit: match.unitPathName,
                  position: match.position,
                })}
          </Typography.Text>
          <Button size="small" type="primary" ghost disabled={busy} onClick={() => onConfirm(match)}>
            {n.confirm}
          </Button>
        </Flex>
      ))}
    </Flex>
  );
}
