/** The question asked before a case is saved without a 内容分类. */
import type { App } from 'antd';
import type { Catalog } from '../../../../common/i18n/index.ts';

type ModalApi = ReturnType<typeof App.useApp>['modal'];

/**
 * Asks whether to save a case with no category: such a case drops out of the statistics and the
 * warnings by category, which officers should decide knowingly. Resolves true for 仍然保存.
 */
export async function confirmWithoutCategory(modal: ModalApi, t: Catalog): Promise<boolean> {
  const c = t.categories.missing;
  return modal.confirm({
    title: c.title,
    content: c.content,
    okText: c.saveAnyway,
    cancelText: c.choose,
    okButtonProps: { 'data-testid': 'confirm-without-category' },
  });
}
