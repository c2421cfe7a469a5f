import { Typography } from 'antd';
import { format } from '../../../../common/i18n/index.ts';
import type { PortalGuidance } from '../../../../common/schemas/portal.ts';
import { useT } from '../../i18n/locale-context.ts';

/** The portal's guidance by its section titles; edited on 网上信访指引. */
export function PortalGuidanceSummary({ value }: { value: PortalGuidance }) {
  const t = useT();
  return (
    <Typography.Text>
      {format(t.settings.portalGuidance.summary, {
        count: value.sections.length,
        titles: value.sections.map((section) => section.title).join(t.settings.listSeparator),
      })}
    </Typography.Text>
  );
}
