import { Button, Flex, Tooltip, Typography } from 'antd';
import type { PetitionVerb } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { useT } from '../../i18n/locale-context.ts';
import { isPetitionVerb } from './verb-forms.ts';

type Props = {
  actions: readonly string[];
  /** Steps that wait for another (签发 before the owner confirmed 包案): shown disabled, with the reason. */
  waiting?: PetitionDetailView['waiting'];
  onAct: (verb: PetitionVerb) => void;
};

const CARD_VERBS = new Set<PetitionVerb>(['linkRepeat', 'nameAccused', 'resolveNamedPerson']);

/** One button per verb the viewer may use now, in the server's order; transitions first in primary style. */
export function ActionBar({ actions, waiting = [], onAct }: Props) {
  const t = useT();
  // 重复访 is linked from the 疑似重复 card, which knows the earlier case; 被反映人 are named and
  // resolved on their own card, which knows the person.
  const verbs = actions.filter(isPetitionVerb).filter((verb) => !CARD_VERBS.has(verb));
  const blocked = waiting.filter((w) => isPetitionVerb(w.verb));
  if (verbs.length === 0 && blocked.length === 0)
    return <Typography.Text type="secondary">{t.petitions.noActions}</Typography.Text>;
  return (
    <Flex wrap gap={8}>
      {verbs.map((verb, index) => (
        <Button
          key={verb}
          type={index === 0 ? 'primary' : 'default'}
          onClick={() => onAct(verb)}
          data-testid={`action-${verb}`}
        >
          {t.petitions.verbs[verb]}
        </Button>
      ))}
      {blocked.map(({ verb, code }) =>
        isPetitionVerb(verb) ? (
          <Tooltip key={verb} title={t.errors[code]}>
            <Button disabled data-testid={`waiting-${verb}`}>
              {t.petitions.verbs[verb]}
            </Button>
          </Tooltip>
        ) : null,
      )}
    </Flex>
  );
}
