/**
 * Print one part of the page (a receipt): while the browser prints, everything else is hidden by
 * the `xf-printing-area` rules in styles.css.
 */
export function printArea(): void {
  document.body.classList.add('xf-printing-area');
  const done = () => {
    document.body.classList.remove('xf-printing-area');
    window.removeEventListener('afterprint', done);
  };
  window.addEventListener('afterprint', done);
  window.print();
}
