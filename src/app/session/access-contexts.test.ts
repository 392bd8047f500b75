import { describe, expect, it } from 'vitest';
import { orgUnitsById } from '../../domain/index.js';
import { createAccessContexts } from './access-contexts.js';

describe('createAccessContexts', () => {
  const units = orgUnitsById([{ id: 'k', name: 'Kommune', level: 'municipality', parentId: null, leaderId: 'x' }]);

  it('gives the units and the configured recipients', async () => {
    const access = createAccessContexts(async () => units, ['a', 'b']);
    const ctx = await access.context();
    expect(ctx.units).toBe(units);
    expect([...ctx.whistleblowingRecipientIds]).toEqual(['a', 'b']);
    expect(access.whistleblowingRecipientIds.has('a')).toBe(true);
  });

  it('leaves out the recipients a report concerns', async () => {
    const ctx = await createAccessContexts(async () => units, ['a', 'b']).context({ concerned: ['b', 'z'] });
    expect([...ctx.whistleblowingRecipientIds]).toEqual(['a']);
  });
});
