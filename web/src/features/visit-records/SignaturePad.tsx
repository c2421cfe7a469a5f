import { useEffect, useRef } from 'react';
import { Button, Flex, Typography } from 'antd';
import { useT } from '../../i18n/locale-context.ts';

type Props = {
  /** The signature as a PNG data URL after each stroke; null when the pad is cleared. */
  onChange: (png: string | null) => void;
};

const INK = '#10213f';

/**
 * A signature pad: a canvas a pen, a finger or a mouse draws on (pointer events; the page does not
 * scroll under it), exported as a PNG on white. Drawn at the screen's pixel density, so a tablet's
 * signature stays sharp in print.
 */
export function SignaturePad({ onChange }: Props) {
  const t = useT();
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);

  const reset = () => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext('2d');
    if (canvas === null || context === null || context === undefined) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(canvas.clientHeight * ratio);
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.clientWidth, canvas.clientHeight);
    context.fillStyle = INK;
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.strokeStyle = INK;
  };

  useEffect(reset, []);

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  };

  return (
    <Flex vertical gap={4}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t.intake.visit.signHere}</Typography.Text>
        <Button
          size="small"
          onClick={() => {
            reset();
            onChange(null);
          }}
          data-testid="signature-clear"
        >
          {t.intake.visit.clearSignature}
        </Button>
      </Flex>
      <canvas
        ref={canvasRef}
        className="xf-signature-pad"
        data-testid="signature-pad"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drawing.current = point(event);
          const context = event.currentTarget.getContext('2d');
          // A tap leaves a dot.
          context?.beginPath();
          context?.arc(drawing.current.x, drawing.current.y, 1.2, 0, Math.PI * 2);
          context?.fill();
        }}
        onPointerMove={(event) => {
          const from = drawing.current;
          if (from === null) return;
          const to = point(event);
          const context = event.currentTarget.getContext('2d');
          if (context === null) return;
          context.beginPath();
          context.moveTo(from.x, from.y);
          context.lineTo(to.x, to.y);
          context.stroke();
          drawing.current = to;
        }}
        onPointerUp={(event) => {
          if (drawing.current === null) return;
          drawing.current = null;
          onChange(event.currentTarget.toDataURL('image/png'));
        }}
        onPointerCancel={() => {
          drawing.current = null;
        }}
      />
    </Flex>
  );
}
