import { useEffect, useState } from 'preact/hooks';
import { type ApiError, asApiError, type Call } from '../api/graphql';
import { ERROR_HISTORY } from '../api/operations';
import type { ErrorHistory } from '../api/types';
import { ErrorNotice } from '../components/error-notice';
import { ErrorChart } from './error-chart';

/** How often the chart is asked again while the view is open. */
export const REFRESH_SECONDS = 15;
const RANGES = [15, 60, 180, 720, 1440] as const;

/** errorHistory as one chart per (category, code, constraint), refreshed while the view is open. */
export function ErrorsView({ call }: { call: Call }) {
  const [minutes, setMinutes] = useState<number>(60);
  const [history, setHistory] = useState<ErrorHistory | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);

  useEffect(() => {
    let open = true;
    const load = async () => {
      try {
        const answer = await call<{ errorHistory: ErrorHistory }>(ERROR_HISTORY, { minutes });
        if (!open) return;
        setHistory(answer.errorHistory);
        setError(null);
        setRefreshedAt(new Date());
      } catch (caught) {
        if (open) setError(asApiError(caught));
      }
    };
    void load();
    const timer = setInterval(load, REFRESH_SECONDS * 1000);
    return () => {
      open = false;
      clearInterval(timer);
    };
  }, [minutes, call]);

  return (
    <>
      <h1>Errors</h1>
      <p class="lead">
        Errors every API process answered, per kind. Bars: occurrences per step. Line: occurrences within the alert's window, which raises an alert past the
        dashed threshold.
      </p>
      <div class="toolbar">
        <div class="field">
          <label for="error-range">Range</label>
          <select id="error-range" value={String(minutes)} onChange={(event) => setMinutes(Number(event.currentTarget.value))}>
            {RANGES.map((range) => (
              <option key={range} value={String(range)}>
                last {range >= 60 ? `${range / 60} h` : `${range} min`}
              </option>
            ))}
          </select>
        </div>
        <p class="refreshed" aria-live="polite">
          {refreshedAt ? `Refreshed ${refreshedAt.toLocaleTimeString()}; again every ${REFRESH_SECONDS} s while open.` : 'Loading…'}
        </p>
      </div>
      {error && <ErrorNotice error={error} title="The error history could not be read" />}
      {history && history.series.length === 0 && <p class="notice">No errors in the last {minutes} minutes.</p>}
      {history?.series.map((series) => (
        <figure class="error-series" key={`${series.category}/${series.code}/${series.constraint}`}>
          <figcaption>
            <strong>
              {series.category} · {series.code}
            </strong>
            {series.constraint && (
              <>
                {' '}
                (<code>{series.constraint}</code>)
              </>
            )}{' '}
            — <span class="series-total">{series.total}</span> in the last {minutes} minutes
          </figcaption>
          <ErrorChart history={history} series={series} />
        </figure>
      ))}
    </>
  );
}
