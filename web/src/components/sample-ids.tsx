import { entityOfTable, recordPath } from '../deletion/entities';
import { ConsoleLink } from './console-link';

/** Ids of rows of `table`: each a link to the record's view (its delete preview) when the console has one and may open it. */
export function SampleIds({ ids, table, linked }: { ids: readonly string[]; table: string | undefined; linked: boolean }) {
  const entity = table && linked ? entityOfTable(table) : undefined;
  return (
    <ul class="sample-ids">
      {ids.map((id) => (
        <li key={id}>
          {entity ? (
            <ConsoleLink path={recordPath(entity, id)} label={`${table} ${id}: preview deleting it`}>
              {id}
            </ConsoleLink>
          ) : (
            id
          )}
        </li>
      ))}
    </ul>
  );
}
