import type { Loaders } from '../loaders';
import type { Deletability } from '../types/deletability.type';

/** The `deletable` field of a record: the delete guard's verdict, batched per request. */
export async function deletabilityOf(loaders: Loaders, entity: string, id: number): Promise<Deletability> {
  const impact = await loaders.impact.load(`${entity}:${id}`);
  return { allowed: impact?.allowed ?? false, blockers: impact?.blockers ?? [] };
}
