/**
 * Counts per year as an inline SVG bar chart (no chart library): one bar per year from the first
 * to the last, empty years included; the unknown year is left out and said in words.
 */
import type { YearCount } from '../types';

interface YearChartProps {
  counts: YearCount[];
  /** What is counted ("papers", "citations"), for the accessible label. */
  noun: string;
}

const HEIGHT = 120;
const BAR = 16;
const GAP = 4;

/** The first and last year labels are written inward, so they are not cut at the chart's edges. */
function anchorOf(index: number, count: number): string {
  if (index === 0) return 'start';
  return index === count - 1 ? 'end' : 'middle';
}

export function YearChart({ counts, noun }: YearChartProps) {
  const known = counts.filter((entry): entry is { year: number; count: number } => entry.year !== null);
  const unknown = counts.find((entry) => entry.year === null)?.count ?? 0;
  if (known.length === 0) return <p class="muted">No {noun} with a known year.</p>;
  const byYear = new Map(known.map((entry) => [entry.year, entry.count]));
  const firstYear = Math.min(...byYear.keys());
  const lastYear = Math.max(...byYear.keys());
  const years = Array.from({ length: lastYear - firstYear + 1 }, (_, index) => firstYear + index);
  const most = Math.max(...byYear.values(), 1);
  const width = years.length * (BAR + GAP);
  const label = `${noun[0]!.toUpperCase()}${noun.slice(1)} per year, ${firstYear} to ${lastYear}: ${known
    .map((entry) => `${entry.year}: ${entry.count}`)
    .join(', ')}`;
  return (
    <figure class="year-chart">
      {/* Scaled to the width available (up to its natural size), never scrolled. */}
      <div style={{ maxWidth: `${width}px` }}>
        <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${HEIGHT + 18}`}>
          {years.map((year, index) => {
            const count = byYear.get(year) ?? 0;
            const height = Math.round((count / most) * HEIGHT);
            const x = index * (BAR + GAP);
            return (
              <g key={year}>
                <title>{`${year}: ${count}`}</title>
                <rect x={x} y={HEIGHT - height} width={BAR} height={height} class="bar" />
                {(index === 0 || index === years.length - 1 || year % 5 === 0) && (
                  <text x={x + BAR / 2} y={HEIGHT + 14} text-anchor={anchorOf(index, years.length)} class="axis">
                    {index === 0 || index === years.length - 1 ? year : `'${String(year).slice(-2)}`}
                  </text>
                )}
              </g>
            );
          })}
        </svg>
      </div>
      <figcaption class="muted">
        Most in one year: {most}.{unknown > 0 && ` Year unknown: ${unknown}.`}
      </figcaption>
    </figure>
  );
}
