import { Typography } from 'antd';
import { daysUntil, urgencyColor } from './petition-labels.ts';

type Props = {
  dueDate: string | null;
  daysLeft?: number | null | undefined;
  /** The limit was met (按期 or 逾期完成): the date is history, no longer a warning. */
  settled?: boolean | undefined;
};

/** A due date coloured by urgency: red when overdue, orange when due within three days; plain once settled. */
export function DueDate({ dueDate, daysLeft, settled = false }: Props) {
  if (dueDate === null) return null;
  const color = settled ? undefined : urgencyColor(daysLeft ?? daysUntil(dueDate));
  return (
    <Typography.Text
      strong={color !== undefined}
      style={color === undefined ? { whiteSpace: 'nowrap' } : { color, whiteSpace: 'nowrap' }}
    >
      {dueDate}
    </Typography.Text>
  );
}
