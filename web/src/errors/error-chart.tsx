import type { ErrorHistory, ErrorSeries } from '../api/types';

const WIDTH = 720;
const HEIGHT = 200;
const MARGIN = { top: 14, right: 16, bottom: 28, left: 40 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const clock = (at: number) => new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

/**
 * One kind of error over the range: a bar per step (its occurrences) and a line of the
 * occurrences within the alert's window, the figure the alert compares with the threshold,
 * drawn as a dashed line; points past it are marked. Hand-drawn SVG: no chart library.
 */
export function ErrorChart({ history, series }: { history: ErrorHistory; series: ErrorSeries }) {
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  const span = Math.max(to - from, 1);
  const peak = Math.max(history.threshold, ...series.points.map((point) => Math.max(point.count, point.countInWindow ?? 0)));
  const top = Math.ceil(peak * 1.15) || 1;
  const x = (at: number) => MARGIN.left + ((at - from) / span) * PLOT_W;
  const y = (count: number) => MARGIN.top + PLOT_H - (count / top) * PLOT_H;
  const stepWidth = Math.max((history.stepSeconds * 1000 * PLOT_W) / span - 1, 1);
  const windowed = series.points.filter((point) => point.countInWindow !== null);
  const line = windowed.map((point) => `${x(Date.parse(point.at)).toFixed(1)},${y(point.countInWindow!).toFixed(1)}`).join(' ');
  const over = windowed.filter((point) => point.countInWindow! > history.threshold);
  const peakInWindow = Math.max(0, ...windowed.map((point) => point.countInWindow!));
  const label =
    `${series.code}: ${series.total} in the range; at most ${peakInWindow} within ${history.windowSeconds} s, ` +
    `against an alert threshold of ${history.threshold}${over.length ? `, exceeded at ${over.length} ${over.length === 1 ? 'step' : 'steps'}` : ''}.`;
  return (
    <svg class="error-chart" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
      <line class="axis" x1={MARGIN.left} y1={MARGIN.top + PLOT_H} x2={MARGIN.left + PLOT_W} y2={MARGIN.top + PLOT_H} />
      <line class="axis" x1={MARGIN.left} y1={MARGIN.top} x2={MARGIN.left} y2={MARGIN.top + PLOT_H} />
      {[0, top].map((tick) => (
        <text key={tick} class="tick" x={MARGIN.left - 6} y={y(tick) + 4} text-anchor="end">
          {tick}
        </text>
      ))}
      {[from, from + span / 2, to].map((at) => (
        <text key={at} class="tick" x={x(at)} y={HEIGHT - 8} text-anchor="middle">
          {clock(at)}
        </text>
      ))}
      {series.points.map((point) => {
        const at = Date.parse(point.at);
        return <rect key={point.at} class="bar" x={x(at) - stepWidth} y={y(point.count)} width={stepWidth} height={MARGIN.top + PLOT_H - y(point.count)} />;
      })}
      {windowed.length > 1 && <polyline class="in-window" points={line} />}
      <line class="threshold" x1={MARGIN.left} y1={y(history.threshold)} x2={MARGIN.left + PLOT_W} y2={y(history.threshold)} />
      <text class="threshold-label" x={MARGIN.left + PLOT_W} y={y(history.threshold) - 4} text-anchor="end">
        alert threshold {history.threshold} per {history.windowSeconds} s
      </text>
      {over.map((point) => (
        <circle key={point.at} class="over" cx={x(Date.parse(point.at))} cy={y(point.countInWindow!)} r={4} />
      ))}
    </svg>
  );
}
