import { useMemo } from 'preact/hooks';
import { encodeQr, qrPath } from '../qr';

const MARGIN = 4; // the quiet zone the standard asks for, in modules

/** `text` as a QR code drawn in SVG (dark on light in both colour schemes). */
export function QrCode({ text, label }: { text: string; label: string }) {
  const drawing = useMemo(() => {
    try {
      const matrix = encodeQr(text);
      return { size: matrix.size + 2 * MARGIN, path: qrPath(matrix, MARGIN) };
    } catch {
      return null;
    }
  }, [text]);
  if (!drawing) return null;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${drawing.size} ${drawing.size}`}
      data-testid="qr-code"
    >
      <rect class="qr-light" width={drawing.size} height={drawing.size} />
      <path class="qr-dark" d={drawing.path} />
    </svg>
  );
}
