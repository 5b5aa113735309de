/**
 * Charts rendered on the server as SVG (no script, no style attributes: the CSP allows them
 * inline): spending by category, and realisation per RT.
 */
import { formatRupiah } from '../domain/money';

const esc = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const COLOURS = ['#0b6b4f', '#2f8f6d', '#5aa88a', '#86c1a8', '#1f4f8a', '#6b84b8', '#a3b4d6'];

/** Horizontal bars, one per item, scaled to the largest value (or to `max`). */
export function barChart(o: { title: string; items: Array<{ label: string; value: number; note?: string }>; max?: number; percent?: boolean }): string {
  const rowH = 26;
  const labelW = 270;
  const barW = 440;
  const width = labelW + barW + 150;
  const height = 34 + o.items.length * rowH;
  const max = o.max ?? Math.max(1, ...o.items.map((i) => i.value));
  const bars = o.items
    .map((item, i) => {
      const y = 30 + i * rowH;
      const w = Math.max(0, Math.min(barW, Math.round((item.value / max) * barW)));
      const text = item.note ?? (o.percent ? `${String(item.value).replace('.', ',')} %` : formatRupiah(item.value));
      return `<text x="${labelW - 8}" y="${y + 15}" text-anchor="end" font-size="12" fill="#1d2521">${esc(item.label)}</text>
<rect x="${labelW}" y="${y + 3}" width="${barW}" height="16" fill="#e3e7e4"/>
<rect x="${labelW}" y="${y + 3}" width="${w}" height="16" fill="${COLOURS[i % COLOURS.length]}"/>
<text x="${labelW + barW + 8}" y="${y + 15}" font-size="12" fill="#1d2521">${esc(text)}</text>`;
    })
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(o.title)}">
<title>${esc(o.title)}</title>
<text x="0" y="16" font-size="14" font-weight="bold" fill="#1d2521">${esc(o.title)}</text>
${bars}
</svg>`;
}
