import { Check, Entity, Enum, type Opt, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { ChangeKind } from './change-event.entity';

/** The longest URL an endpoint may have. */
export const MAX_WEBHOOK_URL_LENGTH = 2000;

/**
 * Where the change feed's events are POSTed, signed with the endpoint's secret. An
 * endpoint belongs to whoever registered it: a partner's (`channel` set) is sent the
 * events of its own channel only, the hotel's (no channel, an ADMIN's) every event. The
 * secret is kept in clear because signing needs it; it is shown once, at registration,
 * and never read back, logged or audited.
 */
@ObjectType({ simpleResolvers: true, description: 'A URL the change feed’s events are POSTed to, signed; see the README’s Webhooks section.' })
@Entity({ tableName: 'webhook_endpoints' })
@Check({
  name: 'webhook_endpoints_events_check',
  expression: `cardinality(events) > 0 and events <@ array[${Object.values(ChangeKind)
    .map((kind) => `'${kind}'`)
    .join(', ')}]::text[]`,
})
@Check({ name: 'webhook_endpoints_url_check', expression: "url ~ '^https?://'" })
@Check({ name: 'webhook_endpoints_disabled_check', expression: 'enabled = (disabled_at is null)' })
export class WebhookEndpoint {
  @Field(() => ID, { description: 'Unique among webhook endpoints; never reused.' })
  @PrimaryKey({ type: 'integer' })
  id!: number;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  @Property({ type: 'string', length: MAX_WEBHOOK_URL_LENGTH })
  url!: string;

  @Field(() => [ChangeKind], { description: 'The kinds of change it is sent.' })
  @Enum({ items: () => ChangeKind, array: true })
  events!: ChangeKind[];

  @Field(() => String, {
    nullable: true,
    description: 'The partner’s channel it belongs to, whose events alone it is sent; null for the hotel’s own, sent all.',
  })
  @Property({ type: 'string', length: 60, nullable: true })
  channel?: string | null;

  @Property({ type: 'string', length: 100, hidden: true })
  secret!: string;

  @Field(() => Boolean, { description: 'False once disabled, by hand or after failing for WEBHOOK_DISABLE_AFTER_SECONDS: nothing is sent to it then.' })
  @Property({ type: 'boolean', default: true })
  enabled: Opt<boolean> = true;

  @Field(() => Date, { nullable: true, description: 'The first failed attempt since the last successful one; null while deliveries succeed.' })
  @Property({ type: 'datetime', nullable: true })
  failingSince?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When it was disabled, by hand or after failing too long; null while enabled.' })
  @Property({ type: 'datetime', nullable: true })
  disabledAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why it was disabled: "Disabled by hand." (disableWebhookEndpoint), or the failure that lasted past WEBHOOK_DISABLE_AFTER_SECONDS; null while enabled.',
  })
  @Property({ type: 'string', length: 300, nullable: true })
  disabledReason?: string | null;

  @Field(() => Date, { description: 'When it was registered.' })
  @Property({ type: 'datetime', defaultRaw: 'current_timestamp', onCreate: () => new Date() })
  createdAt!: Opt<Date>;
}
