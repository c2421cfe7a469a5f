import { Button, Flex, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import type { UnitView } from '../../../../common/schemas/unit.ts';
import { unitQrUrl } from '../../api/portal.ts';
import { useT } from '../../i18n/locale-context.ts';

/**
 * 单位二维码: leads a worker's phone to the portal's filing page with this unit filled in. Printing
 * opens a plain page with the code and the unit's name (the image is our own SVG, same origin).
 */
export function UnitQrCode({ unit }: { unit: UnitView }) {
  const t = useT();
  const q = t.portal.unitQr;
  const src = unitQrUrl(unit.id);

  const print = () => {
    const printWindow = window.open('', '_blank', 'width=480,height=640');
    if (printWindow === null) return;
    const doc = printWindow.document;
    doc.title = `${q.title} · ${unit.name}`;
    const figure = doc.createElement('figure');
    figure.style.cssText = 'margin:40px auto;text-align:center;font-family:sans-serif';
    const image = doc.createElement('img');
    image.src = new URL(src, window.location.origin).href;
    image.alt = q.title;
    image.style.cssText = 'width:320px;height:320px';
    const caption = doc.createElement('figcaption');
    caption.style.cssText = 'font-size:24px;margin-top:12px';
    caption.textContent = `${unit.name} · ${t.portal.ui.pageTitle}`;
    figure.append(image, caption);
    doc.body.append(figure);
    image.onload = () => printWindow.print();
  };

  return (
    <Flex vertical gap={8} align="flex-start" style={{ marginTop: 16 }} data-testid="unit-qr">
      <Typography.Text strong>{q.title}</Typography.Text>
      <img
        src={src}
        alt={`${q.title} · ${unit.name}`}
        width={160}
        height={160}
        style={{ border: '1px solid #f0f0f0' }}
      />
      <Typography.Text type="secondary">{q.hint}</Typography.Text>
      <Button icon={<PrinterOutlined />} onClick={print} data-testid="unit-qr-print">
        {q.print}
      </Button>
    </Flex>
  );
}
