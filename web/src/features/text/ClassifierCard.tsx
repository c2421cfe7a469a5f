import { useCallback, useState } from 'react';
import { Alert, App, Button, Card, Flex, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { format } from '../../../../common/i18n/index.ts';
import { classifierStatus, trainClassifier } from '../../api/text.ts';
import { errorText } from '../../components/error-text.ts';
import { formatDateTime } from '../../components/format-time.ts';
import { useLoader } from '../../hooks/use-loader.ts';
import { useLocale, useT } from '../../i18n/locale-context.ts';

/** 分类建议模型: when and on how much it was trained; the enterprise administrator retrains it. */
export function ClassifierCard({ canTrain }: { canTrain: boolean }) {
  const t = useT();
  const c = t.textEngine.classifier;
  const { locale } = useLocale();
  const { message } = App.useApp();
  const load = useCallback(() => classifierStatus(), []);
  const status = useLoader(load);
  const [training, setTraining] = useState(false);
  const s = status.data;

  const train = async () => {
    setTraining(true);
    try {
      const next = await trainClassifier();
      if (next.durationMs === null) void message.warning(format(c.notEnough, { minimum: next.minimum }));
      else void message.success(format(c.trained, { seconds: (next.durationMs / 1000).toFixed(1) }));
      status.reload();
    } catch (caught) {
      void message.error(errorText(t, caught, locale));
    } finally {
      setTraining(false);
    }
  };

  return (
    <Card size="small" title={c.title} data-testid="classifier-card" loading={status.loading && s === undefined}>
      <Flex wrap gap={12} align="center" justify="space-between">
        {s !== undefined && (
          <Typography.Text>
            {s.trained && s.trainedAt !== null
              ? `${format(c.trainedAt, { at: formatDateTime(s.trainedAt, locale), size: s.sampleSize, classes: s.classCount })}；${format(c.available, { available: s.available })}`
              : format(c.untrained, { available: s.available, minimum: s.minimum })}
          </Typography.Text>
        )}
        {canTrain && (
          <Button
            icon={<ReloadOutlined />}
            loading={training}
            onClick={() => void train()}
            data-testid="classifier-train"
          >
            {c.train}
          </Button>
        )}
      </Flex>
      {status.error !== null && <Alert type="error" showIcon title={errorText(t, status.error, locale)} />}
    </Card>
  );
}
