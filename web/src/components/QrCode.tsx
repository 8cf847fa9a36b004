import { useMemo } from 'preact/hooks';
import qrcode from 'qrcode-generator';

const MARGIN = 4; // the quiet zone the standard asks for, in modules

/**
 * `text` as a QR code drawn in SVG (dark on light in both colour schemes), at error
 * correction level M. Drawn here from the library's modules rather than with its own SVG,
 * so the colours come from the style sheet (the CSP allows no inline styles).
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const drawing = useMemo(() => {
    try {
      const code = qrcode(0, 'M'); // 0: the smallest version that holds the text
      // In byte mode the library takes one byte per character: hand it the UTF-8 bytes.
      code.addData(String.fromCharCode(...new TextEncoder().encode(text)), 'Byte');
      code.make();
      const size = code.getModuleCount();
      return { size: size + 2 * MARGIN, path: darkRuns(size, (row, col) => code.isDark(row, col)) };
    } catch {
      return null; // too long for any version: the secret is shown as text beside it
    }
  }, [text]);
  if (!drawing) return null;
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${drawing.size} ${drawing.size}`} data-testid="qr-code">
      <rect class="qr-light" width={drawing.size} height={drawing.size} />
      <path class="qr-dark" d={drawing.path} />
    </svg>
  );
}

/** An SVG path of the dark modules, one rectangle per run of them in a row, inside the margin. */
function darkRuns(size: number, isDark: (row: number, col: number) => boolean): string {
  const parts: string[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size;) {
      if (!isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && isDark(row, col)) col++;
      parts.push(`M${start + MARGIN} ${row + MARGIN}h${col - start}v1h${start - col}z`);
    }
  }
  return parts.join('');
}
