import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ImpactEntry } from '../../deletion/delete-impact';
import type { ErasureImpact as Impact, KeptRecords } from '../../services/erasure';

@ObjectType({ simpleResolvers: true, description: 'Rows of one table an erasure keeps as they are, and why.' })
export class ErasureKeep implements KeptRecords {
  @Field(() => String, { description: 'The table the rows are in.' })
  table!: string;

  @Field(() => Int, { description: 'How many rows are kept.' })
  count!: number;

  @Field(() => String, { description: 'Why they are kept: a law, the books, or no personal data in them.' })
  reason!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Exactly what erasing a guest does: the personal data it scrubs, the rows it deletes, the records it keeps.',
})
export class ErasureImpact implements Impact {
  @Field(() => ID, { description: 'The guest the impact is of.' })
  customerId!: number;

  @Field(() => Boolean, { description: 'False when the guest is erased already: an erasure happens once.' })
  allowed!: boolean;

  @Field(() => Date, { nullable: true, description: 'When the guest was erased; null before.' })
  erasedAt!: Date | null;

  @Field(() => String, { description: 'What the names, and the guest’s data in free text, are replaced by.' })
  placeholderName!: string;

  @Field(() => String, { description: 'The email the guest is left with: unique per customer, never deliverable (.invalid).' })
  placeholderEmail!: string;

  @Field(() => [ImpactEntry], {
    description:
      'One entry per (table, column): rows whose value is replaced by the placeholder (customers), cleared (customers.phone, customers.user_id: the staff account is unlinked, not changed), or whose free text is scrubbed of the guest’s name, email and phone.',
  })
  scrubs!: ImpactEntry[];

  @Field(() => [ImpactEntry], {
    description: 'One entry per table (column null): rows deleted, the API’s own records holding the guest’s data (stored answers, login attempts).',
  })
  deletes!: ImpactEntry[];

  @Field(() => [ErasureKeep], { description: 'Records kept, with the reason: the books (bookings, payments, invoices) and what holds no personal data.' })
  keeps!: ErasureKeep[];
}
