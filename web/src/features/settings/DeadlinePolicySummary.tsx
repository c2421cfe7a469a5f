import { Descriptions, Tag, type DescriptionsProps } from 'antd';
import type { DeadlinePolicy } from '../../../../common/domain/deadlines.ts';
import { useT } from '../../i18n/locale-context.ts';
import { countsWorkingDays, DEADLINE_DAY_FIELDS } from './deadline-policy-form.ts';

/** The time limits read-only, each with its article. */
export function DeadlinePolicySummary({ value }: { value: DeadlinePolicy }) {
  const t = useT();
  const d = t.settings.deadlines;
  const items: NonNullable<DescriptionsProps['items']> = DEADLINE_DAY_FIELDS.map((field) => {
    const days = value[field];
    return {
      key: field,
      label: (
        <>
          {d.fields[field].label}{' '}
          <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
            {d.fields[field].article}
          </Tag>
        </>
      ),
      children: (
        <span data-testid={`setting-value-${field}`}>
          {days === null ? d.none : `${days} ${countsWorkingDays(field) ? d.workingDays : d.days}`}
        </span>
      ),
    };
  });
  items.push({
    key: 'rollOffHolidays',
    label: (
      <>
        {d.rollOffHolidays}{' '}
        <Tag color="geekblue" style={{ marginInlineEnd: 0 }}>
          {d.rollOffArticle}
        </Tag>
      </>
    ),
    children: <span>{value.rollOffHolidays ? t.common.yes : t.common.no}</span>,
  });
  // A figure never wraps ("5 个工作日" in a phone's narrow column); the label does.
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, md: 2, xl: 3 }}
      items={items}
      styles={{ content: { whiteSpace: 'nowrap' } }}
    />
  );
}
