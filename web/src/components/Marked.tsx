/** Text with ranges marked (search hits): plain text around <mark> elements, nothing rendered as HTML. */
export function Marked({ highlight }: { highlight: { text: string; ranges: readonly (readonly [number, number])[] } }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of highlight.ranges) {
    if (start < at) continue;
    if (start > at) parts.push({ text: highlight.text.slice(at, start), marked: false });
    parts.push({ text: highlight.text.slice(start, end), marked: true });
    at = end;
  }
  if (at < highlight.text.length) parts.push({ text: highlight.text.slice(at), marked: false });
  return (
    <>{parts.map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}</>
  );
}
