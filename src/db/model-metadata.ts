import { type MetadataStorage, MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../../mikro-orm.config';

/** The model's metadata without a database connection, for tools that only read the model. */
export function loadModelMetadata(): MetadataStorage {
  const orm = MikroORM.initSync(ormConfig('postgresql://127.0.0.1:1/none', { connect: false, preferTs: true }));
  return orm.getMetadata();
}
