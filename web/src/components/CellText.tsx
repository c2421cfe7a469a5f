import { useState, type ReactNode } from 'react';
import { Tooltip, Typography } from 'antd';
import { useStacked } from './stacked-context.ts';

type Props = {
  text: string;
  /** What to show instead of the plain text (a search highlight); the tooltip stays the plain text. */
  children?: ReactNode;
  strong?: boolean | undefined;
};

const ONE_LINE = { display: 'block', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' } as const;

/**
 * A table cell's text on one line, cut with an ellipsis only when it does not fit; the whole text
 * then shows on hover (and only then: a text that fits gets no tooltip). In a card (narrow
 * screens) it wraps instead.
 */
export function CellText({ text, children, strong = false }: Props) {
  const stacked = useStacked();
  const [cut, setCut] = useState(false);
  if (stacked)
    return (
      <Typography.Text strong={strong} style={{ overflowWrap: 'anywhere' }}>
        {children ?? text}
      </Typography.Text>
    );
  return (
    <Tooltip title={cut ? text : undefined}>
      <Typography.Text
        strong={strong}
        style={ONE_LINE}
        onMouseEnter={(event) => setCut(event.currentTarget.scrollWidth > event.currentTarget.clientWidth)}
      >
        {children ?? text}
      </Typography.Text>
    </Tooltip>
  );
}
