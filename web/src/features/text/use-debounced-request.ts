import { useEffect, useState } from 'react';

/**
 * The answer of `request(input)` for the input as it was `delayMs` after the last change (typing
 * does not send a request per key); null while nothing was asked or when `input` is null.
 * Failures leave the last answer in place: a suggestion is never worth an error on the form.
 */
export function useDebouncedRequest<I, T>(input: I | null, request: (input: I) => Promise<T>, delayMs = 600): T | null {
  const [answer, setAnswer] = useState<T | null>(null);
  const key = input === null ? null : JSON.stringify(input);
  useEffect(() => {
    if (key === null || input === null) {
      setAnswer(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      request(input).then(
        (value) => {
          if (!cancelled) setAnswer(value);
        },
        () => undefined,
      );
    }, delayMs);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // The serialised key stands for the input: a new object with the same content asks nothing new.
  }, [key, delayMs]);
  return answer;
}
