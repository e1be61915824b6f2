import type { ApiError } from '../api/graphql';

/** A failure, never silent: what the API said, its code, and the error id that finds it in the log. */
export function ErrorNotice({ error, title }: { error: ApiError; title?: string }) {
  return (
    <div class="notice notice-error" role="alert">
      {title && <p class="notice-title">{title}</p>}
      <p class="error-message">{error.message}</p>
      <p class="error-code">
        Code <code>{error.code}</code>
        {error.errorId && (
          <>
            {' '}
            · error id <code>{error.errorId}</code>
          </>
        )}
      </p>
      {error.fieldErrors.length > 0 && (
        <ul class="field-errors">
          {error.fieldErrors.map((field) => (
            <li key={field.path.join('.')}>
              <code>{field.path.join('.')}</code>: {field.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
