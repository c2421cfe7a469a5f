import { describe, expect, it } from 'vitest';
import { registerPetition } from '../intake/index.ts';
import type { Org } from '../../test/test-context.ts';
import { serviceWorld, employeeLetter as petition } from '../../test/factories.ts';
import { highlightOf } from './search-index.ts';
import * as svc from '../petition/index.ts';
import { listPetitions } from '../ledger/index.ts';

let org: Org;
let deps: svc.PetitionDeps;
serviceWorld((world) => ({ org, deps } = world));

async function titlesFor(key: string, q: string): Promise<string[]> {
  const list = await listPetitions(deps, org.users[key]!, { q, pageSize: 50 });
  return list.items.map((i) => i.title).sort();
}

describe('full-text search', () => {
  it('finds two-character terms and phrases, in notes and replies too, within the viewer’s scope', async () => {
    const root = org.users['officer@root']!;
    const mineA = org.users['officer@mineA']!;
    await registerPetition(deps, mineA, petition('工伤认定迟迟不办', '去年井下受伤，工伤认定申请至今没有结果。'));
    await registerPetition(deps, mineA, petition('采煤塌陷区房屋开裂', '村里房屋因采煤塌陷出现裂缝，请求鉴定赔偿。'));
    await registerPetition(deps, root, petition('食堂饭菜', '班中餐质量差，价格高。'));
    const { petition: noted } = await registerPetition(deps, root, petition('加班费', '加班费计算有误。'));
    await svc.addNote(deps, root, noted.id, { text: '经查与工伤保险待遇有关', internal: true });

    expect(await titlesFor('officer@root', '工伤')).toEqual(['加班费', '工伤认定迟迟不办']);
    expect(await titlesFor('officer@root', '塌陷区')).toEqual(['采煤塌陷区房屋开裂']);
    expect(await titlesFor('officer@root', '塌陷 赔偿')).toEqual(['采煤塌陷区房屋开裂']);
    expect(await titlesFor('officer@root', '塌陷 食堂')).toEqual([]);
    // Full-width and traditional input fold like the index.
    expect(await titlesFor('officer@root', '工傷')).toEqual(['加班费', '工伤认定迟迟不办']);
    // The other mine's office sees none of mine A's cases, search or not.
    expect(await titlesFor('officer@mineA', '工伤')).toEqual(['工伤认定迟迟不办']);
    expect(await titlesFor('chief@mineA', '食堂')).toEqual([]);
    // A query without searchable terms does not narrow the list.
    expect((await listPetitions(deps, root, { q: '！？' })).total).toBe(4);
  });

  it('never returns a petition to a person it names', async () => {
    const officer = org.users['officer@root']!;
    await registerPetition(
      deps,
      officer,
      petition('反映综采一队队长', '队长克扣工资。', {
        type: 'accusation',
        purpose: 'report',
        namedPersons: [{ name: '队长', userId: org.users['unit_head@teamA1']!.id }],
      }),
    );
    expect(await titlesFor('officer@root', '克扣')).toEqual(['反映综采一队队长']);
    expect(await titlesFor('unit_head@teamA1', '克扣')).toEqual([]);
  });

  it('marks where the terms appear', async () => {
    const officer = org.users['officer@root']!;
    await registerPetition(
      deps,
      officer,
      petition('房屋开裂', `${'矿区'.repeat(40)}采煤塌陷造成房屋开裂，塌陷面积扩大。`),
    );
    const [item] = (await listPetitions(deps, officer, { q: '塌陷' })).items;
    expect(item?.highlight?.field).toBe('body');
    const h = item!.highlight!;
    expect(h.ranges.map(([a, b]) => h.text.slice(a, b))).toEqual(['塌陷', '塌陷']);
    expect(h.text.startsWith('…')).toBe(true);
  });
});

describe('highlightOf', () => {
  it.each([
    ['the title first', { title: '工伤认定', body: '工伤' }, '工伤', 'title', ['工伤']],
    ['a phrase of bigrams', { title: '无关', body: '采煤塌陷区房屋' }, '塌陷区', 'body', ['塌陷区']],
    ['folded full width', { title: 'ＡＢＣ矿工伤', body: '' }, 'abc', 'title', ['ＡＢＣ']],
  ] as const)('%s', (_, row, q, field, marked) => {
    const h = highlightOf(row, q);
    expect(h?.field).toBe(field);
    expect(h?.ranges.map(([a, b]) => h.text.slice(a, b))).toEqual(marked);
  });

  it('is null without a match', () => {
    expect(highlightOf({ title: '食堂', body: '饭菜' }, '工伤')).toBeNull();
  });
});
