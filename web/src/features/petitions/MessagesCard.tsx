import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Flex, Input, Tag, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import type { PetitionMessageListView } from '../../../../common/schemas/portal.ts';
import { listMessages, replyToPetitioner } from '../../api/portal.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/**
 * 群众留言: the messages between the petitioner (in the portal) and the office, oldest first; who
 * may act on the case answers here, and the answer shows in the portal.
 */
export function MessagesCard({
  petitionId,
  initial,
}: {
  petitionId: string;
  /** The messages as the case page's one request brought them. */
  initial?: PetitionMessageListView | undefined;
}) {
  const t = useT();
  const m = t.portal.messagesCard;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => listMessages(petitionId), [petitionId]);
  const loaded = useLoader(load, initial);
  const [replaced, setReplaced] = useState<Awaited<ReturnType<typeof listMessages>> | null>(null);
  const [body, setBody] = useState('');
  const [sending, setSending] = useState(false);
  const view = replaced ?? loaded.data;

  const send = () => {
    const text = body.trim();
    if (text === '') return;
    setSending(true);
    replyToPetitioner(petitionId, text).then(
      (next) => {
        setSending(false);
        setReplaced(next);
        setBody('');
        void message.success(t.common.saved);
      },
      (caught: unknown) => {
        setSending(false);
        void message.error(errorText(t, caught, locale));
      },
    );
  };

  return (
    <Card size="small" title={m.title} data-testid="petition-messages" loading={view === undefined && loaded.loading}>
      {loaded.error !== null && (
        <Alert type="error" showIcon title={errorText(t, loaded.error, locale)} style={{ marginBottom: 12 }} />
      )}
      {(view?.items.length ?? 0) === 0 && <Typography.Text type="secondary">{m.empty}</Typography.Text>}
      <Flex vertical gap={0}>
        {(view?.items ?? []).map((item) => (
          <Flex
            key={item.id}
            vertical
            gap={2}
            className="xf-message"
            style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
            data-testid={`petition-message-${item.direction}`}
          >
            <Flex gap={8} wrap align="center">
              <Tag color={item.direction === 'in' ? 'orange' : 'blue'}>{item.direction === 'in' ? m.in : m.out}</Tag>
              {item.authorName !== null && <Typography.Text strong>{item.authorName}</Typography.Text>}
              <Typography.Text type="secondary">{formatDateTime(item.at, locale)}</Typography.Text>
            </Flex>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{item.body}</Typography.Paragraph>
          </Flex>
        ))}
      </Flex>
      {view?.canReply === true && (
        <Flex vertical gap={8} style={{ marginTop: 12 }}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            placeholder={m.replyPlaceholder}
            aria-label={m.reply}
            data-testid="petition-message-body"
          />
          <Button
            type="primary"
            icon={<SendOutlined />}
            onClick={send}
            loading={sending}
            disabled={body.trim() === ''}
            style={{ alignSelf: 'flex-end' }}
            data-testid="petition-message-send"
          >
            {m.send}
          </Button>
        </Flex>
      )}
    </Card>
  );
}
