/**
 * Focus the control with this data-testid once React has rendered it (a row just added to a list).
 * React commits the new row on its own schedule, which on a busy machine comes after a zero timeout:
 * look again on each frame, for up to half a second, until the control exists.
 */
export function focusSoon(testId: string, framesLeft = 30): void {
  window.requestAnimationFrame(() => {
    const control = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    if (control !== null) control.focus();
    else if (framesLeft > 0) focusSoon(testId, framesLeft - 1);
  });
}
