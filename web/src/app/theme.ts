/** Ant Design theme tokens: a sober blue, CJK-friendly font stack, compact radii. */
import type { ThemeConfig } from 'antd';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e99',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#0f2747', headerPadding: '0 16px' },
    Tree: { nodeSelectedBg: '#dce6f5', nodeHoverBg: '#eef3fa' },
    Menu: { darkItemBg: '#0f2747', darkSubMenuItemBg: '#0b1f3a', darkItemSelectedBg: '#1f4e99' },
  },
};
