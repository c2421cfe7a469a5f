import { Button } from 'antd';
import { TranslationOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../i18n/locale-context.ts';

/** One button that flips between 中文 and English; its label names the other language. */
export function LanguageSwitch() {
  const t = useT();
  const { locale, setLocale } = useLocale();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={t.app.language}
      data-testid="language-switch"
      onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
    >
      {t.app.switchLanguage}
    </Button>
  );
}
