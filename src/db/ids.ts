const MAX_SERIAL = 2_147_483_647;

/** An id from outside (a GraphQL ID, text) as the integer primary key it stands for, or undefined when it cannot be one. */
export function toId(value: string | number | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = String(value).trim();
  if (!/^[1-9]\d{0,9}$/.test(text)) return undefined;
  const id = Number(text);
  return id <= MAX_SERIAL ? id : undefined;
}

/** An id used as a filter: absent means no filter; a malformed one matches nothing, like an unknown id. */
export function toIdFilter(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  return toId(value) ?? -1;
}
