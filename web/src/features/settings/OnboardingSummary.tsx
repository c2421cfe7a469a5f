import { Flex, Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { OnboardingSetting } from '../../../../common/schemas/training.ts';
import { useT } from '../../i18n/locale-context.ts';

export function OnboardingSummary({ value }: { value: OnboardingSetting }) {
  const t = useT();
  return (
    <Flex vertical gap={4}>
      <Typography.Text strong>
        {format(t.training.settings.summary, { weeks: value.weeks, count: value.steps.length })}
      </Typography.Text>
      {value.steps.map((step) => (
        <Typography.Text key={step.id} type="secondary">
          {step.title}
        </Typography.Text>
      ))}
    </Flex>
  );
}
