import { Flex, Spin } from 'antd';
import { useT } from '../i18n/locale-context.ts';

/** The placeholder while a page's code or the session loads. */
export function PageSpinner({ fullScreen = false }: { fullScreen?: boolean }) {
  const t = useT();
  return (
    <Flex align="center" justify="center" style={{ minHeight: fullScreen ? '100vh' : 240 }}>
      <Spin description={t.common.loading} />
    </Flex>
  );
}
