/** What a feed parser hands the store: every record of one file, and the data's own date and version. */
export interface FeedData<T> {
  records: T[];
  /** ISO 8601. */
  dataDate: string;
  version: string | null;
  /** What the parser read past and left out, in words for the admin: an import reports them. */
  notes?: string[];
}
