import { Typography } from 'antd';
import { daysUntil, urgencyColor } from './petition-labels.ts';

/** A due date coloured by urgency: red when overdue, orange when due within three days. */
export function DueDate({ dueDate, daysLeft }: { dueDate: string | null; daysLeft?: number | null | undefined }) {
  if (dueDate === null) return null;
  const left = daysLeft ?? daysUntil(dueDate);
  const color = urgencyColor(left);
  return (
    <Typography.Text strong={color !== undefined} style={color === undefined ? {} : { color }}>
      {dueDate}
    </Typography.Text>
  );
}
