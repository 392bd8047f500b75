// The vocabulary for declaring Varde's SharePoint lists and libraries once, in code.

export type ColumnType = 'text' | 'note' | 'number' | 'boolean' | 'dateTime' | 'date' | 'choice' | 'person' | 'lookup';

export interface ColumnSpec {
  /** Internal name: stable, ASCII, used in `fields/<name>` queries. */
  name: string;
  /** What people see in SharePoint (bokmål). */
  displayName: string;
  type: ColumnType;
  required?: boolean;
  /** Every column used in a $filter or $orderby must be indexed (SharePoint refuses the query otherwise). */
  indexed?: boolean;
  /** Enforces unique values (implies an index); used for case numbers and import keys. */
  unique?: boolean;
  choices?: readonly string[];
  /** For lookup columns: the key of the list looked up. */
  lookupList?: string;
  /** Person and lookup columns holding several values. */
  multiple?: boolean;
  /** Text length limit for single-line text (SharePoint allows at most 255). */
  maxLength?: number;
}

export type SiteKey = 'quality' | 'confidential';

export interface ListSpec {
  /** Stable key the code uses (never shown). */
  key: string;
  /** The list's title in SharePoint; provisioning finds the list by it. */
  displayName: string;
  description: string;
  template: 'genericList' | 'documentLibrary';
  /** Which site holds it: confidential reports live apart, with their own access. */
  site: SiteKey;
  columns: readonly ColumnSpec[];
  /**
   * Document libraries: 'majorMinor' keeps drafts as minor versions (0.1, 1.1) and publishes majors (1.0, 2.0) on
   * approval. Graph v1.0 cannot set it: a site owner turns it on in the library's versioning settings (locally the
   * emulator's control does). Default: major versions only.
   */
  versioning?: 'major' | 'majorMinor';
}

/** SharePoint's limit on indexed columns per list. */
export const MAX_INDEXED_COLUMNS = 20;
