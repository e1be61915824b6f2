/** What deleting one row would do, computed by the delete guard; see DeleteGuard. */
export interface ImpactEntry {
  table: string;
  /** Set for nullified rows (the column SET NULL clears); null for deleted rows. */
  column: string | null;
  count: number;
}

/** Rows of `table` whose `column` (ON DELETE RESTRICT) points at a row the delete would remove. */
export interface DeleteBlocker {
  table: string;
  column: string;
  count: number;
  sampleIds: string[];
}

export interface DeleteImpact {
  entity: string;
  id: string;
  allowed: boolean;
  token: string;
  deletes: ImpactEntry[];
  nullifies: ImpactEntry[];
  blockers: DeleteBlocker[];
}
