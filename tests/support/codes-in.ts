/** Every `code` in a GraphQL answer: top-level errors and union members alike. */
export function codesIn(json: any): string[] {
  const found: string[] = [];
  for (const error of json?.errors ?? []) found.push(error.extensions?.code);
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.code === 'string') found.push(record.code);
      Object.values(record).forEach(walk);
    }
  };
  walk(json?.data);
  return found;
}
