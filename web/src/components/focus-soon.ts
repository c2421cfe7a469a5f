/** Focus the control with this data-testid once React has rendered it (a row just added to a list). */
export function focusSoon(testId: string): void {
  window.setTimeout(() => {
    document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus();
  }, 0);
}
