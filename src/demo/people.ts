// People for the demo municipality: Norwegian names, unique e-mail addresses and Entra-style ids.
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './names.js';
import type { Person, Role } from '../domain/index.js';
import { chance, pick, uuid, type Random } from './random.js';
import { emailLocalPart } from './text.js';

/** A person while roles are still being handed out; frozen into a domain Person at the end. */
export interface PersonDraft {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly unitId: string;
  readonly roles: Set<Role>;
}

export interface PersonFactory {
  create(unitId: string, femaleShare: number, roles: readonly Role[]): PersonDraft;
}

/**
 * Makes people with names drawn from the lists, e-mail `fornavn.etternavn@domain` made unique
 * with a number ('ola.hansen2'), as municipalities do. Ids are UUIDs like Entra object ids.
 */
export function personFactory(random: Random, emailDomain: string): PersonFactory {
  const taken = new Map<string, number>();
  return {
    create(unitId, femaleShare, roles) {
      const names = chance(random, femaleShare) ? FEMALE_GIVEN_NAMES : MALE_GIVEN_NAMES;
      let given = pick(random, names);
      if (chance(random, 0.04) && !/[ -]/.test(given)) {
        const second = pick(random, names);
        if (second !== given && !/[ -]/.test(second)) given = `${given} ${second}`;
      }
      let surname = pick(random, SURNAMES);
      if (chance(random, 0.05)) {
        const first = pick(random, SURNAMES);
        if (first !== surname) surname = `${first} ${surname}`;
      }
      const base = emailLocalPart(given, surname);
      const n = (taken.get(base) ?? 0) + 1;
      taken.set(base, n);
      // A base never ends in a digit, so 'ola.hansen2' cannot clash with another base.
      const local = n === 1 ? base : `${base}${n}`;
      return { id: uuid(random), name: `${given} ${surname}`, email: `${local}@${emailDomain}`, unitId, roles: new Set(roles) };
    },
  };
}

/** The domain Person; roles in the domain's order so output is stable. */
export function freezePerson(draft: PersonDraft, roleOrder: readonly Role[]): Person {
  return {
    id: draft.id,
    name: draft.name,
    email: draft.email,
    upn: draft.email,
    unitId: draft.unitId,
    roles: roleOrder.filter((r) => draft.roles.has(r)),
  };
}

/** A person in `candidates` not yet in `taken` (tries at random, then scans); undefined if none. */
export function pickFree(random: Random, candidates: readonly string[], taken: ReadonlySet<string>): string | undefined {
  for (let i = 0; i < 8 && candidates.length > 0; i++) {
    const id = pick(random, candidates);
    if (!taken.has(id)) return id;
  }
  return candidates.find((id) => !taken.has(id));
}
