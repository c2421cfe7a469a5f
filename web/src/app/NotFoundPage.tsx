import { Button, Result } from 'antd';
import { Link } from 'react-router';
import { useT } from '../i18n/locale-context.ts';
import { HOME_PATH } from './paths.ts';

export function NotFoundPage() {
  const t = useT();
  return (
    <Result
      status="404"
      title={t.errors.NOT_FOUND}
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{t.nav.home}</Button>
        </Link>
      }
    />
  );
}
