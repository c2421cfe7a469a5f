import { Button, Flex, Result, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { format } from '../../../../common/i18n/index.ts';
import type { RegisteredPetitionView } from '../../api/petition.ts';
import { petitionPath } from '../../app/paths.ts';
import { useT } from '../../i18n/locale-context.ts';
import { VisitReceipt } from './VisitReceipt.tsx';

type Props = { registered: RegisteredPetitionView; onAnother: () => void };

/** After registration: the case number and the one-time tracking code, to copy and hand over, and the 回执 to print. */
export function RegisteredResult({ registered, onAnother }: Props) {
  const t = useT();
  const p = t.petitions;
  const navigate = useNavigate();
  const { petition, caseNumber, trackingCode } = registered;
  return (
    <Flex vertical gap={16}>
      <Result
        status="success"
        title={format(p.registeredTitle, { caseNumber })}
        subTitle={
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {p.trackingCode}
            </Typography.Paragraph>
            <Typography.Text
              strong
              copyable={{ text: trackingCode, tooltips: [p.copy, p.copied] }}
              style={{ fontSize: 32, letterSpacing: 2, fontFamily: 'monospace' }}
              data-testid="register-tracking-code"
            >
              {trackingCode}
            </Typography.Text>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {p.trackingCodeHint}
            </Typography.Paragraph>
          </>
        }
        extra={[
          // A frontline head registers for the office above: the case is theirs to open, not his.
          petition !== null && (
            <Button
              key="open"
              type="primary"
              href={petitionPath(petition.id)}
              onClick={(event) => {
                event.preventDefault();
                void navigate(petitionPath(petition.id));
              }}
              data-testid="register-case-link"
            >
              {p.openCase}
            </Button>
          ),
          <Button key="another" onClick={onAnother}>
            {p.registerAnother}
          </Button>,
        ]}
      />
      <VisitReceipt registered={registered} now={new Date()} />
    </Flex>
  );
}
