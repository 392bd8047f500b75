// Which bot messages belong to a case, in 'Saksmeldinger': the quality site's, or the confidential site's for whistleblowing reports.
import type { CaseMessageStore, CaseMessages } from '../../app/ports/index.js';
import type { CaseRoute } from '../../domain/index.js';
import type { GraphClient } from '../graph/index.js';
import { readEnvelope } from '../mapping/fields.js';
import { CASE_MESSAGES_COLUMNS, caseMessagesFromFields, caseMessagesToFields } from '../mapping/case-messages.js';
import type { ListDirectory } from './list-directory.js';
import { readKeyedItem, saveKeyedItem } from './keyed-item.js';

const LIST_OF: Readonly<Record<CaseRoute, string>> = { ordinary: 'caseMessages', confidential: 'confidentialCaseMessages' };

/**
 * A new case's messages cost one POST; a later save of the same case (after a retry) one PATCH when this
 * instance knows the item, else a look-up first. Reads are one indexed GET on the unique CaseId.
 */
export class SharePointCaseMessageStore implements CaseMessageStore {
  private readonly itemIds: Record<CaseRoute, Map<string, string>> = { ordinary: new Map(), confidential: new Map() };

  constructor(
    private readonly client: GraphClient,
    private readonly directory: ListDirectory,
  ) {}

  async save(messages: CaseMessages): Promise<void> {
    const route = messages.route ?? 'ordinary';
    const list = await this.directory.resolve(LIST_OF[route]);
    await saveKeyedItem(this.client, list, 'CaseId', messages.caseId, caseMessagesToFields(messages), this.bounded(route));
  }

  async get(caseId: string, route: CaseRoute = 'ordinary'): Promise<CaseMessages | null> {
    const list = await this.directory.resolve(LIST_OF[route]);
    const raw = await readKeyedItem(this.client, list, 'CaseId', caseId, CASE_MESSAGES_COLUMNS, this.bounded(route));
    if (!raw) return null;
    const { itemId, fields } = readEnvelope(raw, list.spec.displayName);
    return caseMessagesFromFields(fields, { list: list.spec.displayName, itemId }, route);
  }

  private bounded(route: CaseRoute): Map<string, string> {
    const map = this.itemIds[route];
    // Ids never change; the cache only saves a look-up, so dropping it all when large is harmless.
    if (map.size > 20_000) map.clear();
    return map;
  }
}
