import { useState } from 'react';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import type { CallRecordView } from '../../../../common/schemas/call-record.ts';
import { revealCallerNumber } from '../../api/call-record.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The call-back number masked; the office may show it in full to ring back (the server audits it). */
export function CallerNumber({ call }: { call: CallRecordView }) {
  const c = useT().intake.call;
  const [full, setFull] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (call.callerNumber === null) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex gap={4} align="center" wrap={false}>
      {full === null ? (
        <Typography.Text style={{ fontFamily: 'monospace' }}>{call.callerNumber}</Typography.Text>
      ) : (
        <Tooltip title={c.revealed}>
          <Typography.Text strong copyable style={{ fontFamily: 'monospace' }} data-testid={`call-number-${call.id}`}>
            {full}
          </Typography.Text>
        </Tooltip>
      )}
      {full === null && call.actions.includes('reveal') && (
        <Tooltip title={c.reveal}>
          <Button
            size="small"
            type="text"
            icon={<EyeOutlined />}
            loading={busy}
            aria-label={c.reveal}
            onClick={(event) => {
              event.stopPropagation();
              setBusy(true);
              revealCallerNumber(call.id).then(
                (number) => {
                  setFull(number);
                  setBusy(false);
                },
                () => setBusy(false),
              );
            }}
            data-testid={`call-reveal-${call.id}`}
          />
        </Tooltip>
      )}
    </Flex>
  );
}
