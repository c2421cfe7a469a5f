import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import type { Catalog } from '../../../../common/i18n/index.ts';
import type { PetitionDetailView } from '../../../../common/schemas/petition.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';
import { PetitionStateTag } from './PetitionStateTag.tsx';
import { EventData } from './EventData.tsx';
import { isPetitionVerb } from './verb-forms.ts';

type PetitionEvent = PetitionDetailView['events'][number];

function kindLabel(t: Catalog, kind: string): string {
  if (isPetitionVerb(kind)) return t.petitions.verbs[kind];
  if (
    kind === 'register' ||
    kind === 'imported' ||
    kind === 'declareConflict' ||
    kind === 'generateDocument' ||
    kind === 'deliverDocument'
  )
    return t.petitions.events[kind];
  if (kind in t.intake.events) return t.intake.events[kind as keyof Catalog['intake']['events']];
  if (kind in t.partner.events) return t.partner.events[kind as keyof Catalog['partner']['events']];
  return kind;
}

/** What has happened to the case, oldest first. */
export function PetitionTimeline({ events }: { events: readonly PetitionEvent[] }) {
  const t = useT();
  const { locale } = useLocale();
  const items = events.map((event) => ({
    key: event.seq,
    color: event.toState === null ? 'gray' : 'blue',
    content: (
      <Flex vertical gap={2}>
        <Flex wrap gap={8} align="center">
          <Typography.Text strong>{kindLabel(t, event.kind)}</Typography.Text>
          {event.fromState !== null && event.toState !== null && event.fromState !== event.toState && (
            <PetitionStateTag state={event.toState} />
          )}
          {event.internal && <Tag>{t.petitions.internal}</Tag>}
        </Flex>
        <Typography.Text type="secondary">
          {event.actorName ?? t.petitions.system} · {formatDateTime(event.at, locale)}
        </Typography.Text>
        <EventData kind={event.kind} data={event.data} />
      </Flex>
    ),
  }));
  return (
    <Card size="small" title={t.petitions.timeline}>
      <Timeline items={items} data-testid="petition-timeline" />
    </Card>
  );
}
