import { describe, expect, it } from 'vitest';
import { commonAncestorPath, foldBySubtree } from './figure-source.ts';

const units = [
  { id: 'g', path: '/g/' },
  { id: 'a', path: '/g/a/' },
  { id: 'b', path: '/g/b/' },
  { id: 't', path: '/g/a/t/' },
];

describe('foldBySubtree', () => {
  it.each([
    [
      'a row of a leaf counts for it and every unit asked above it',
      [{ path: '/g/a/t/c/', value: 2 }],
      { g: 2, a: 2, b: 0, t: 2 },
    ],
    ['a row of the unit itself counts for it', [{ path: '/g/b/', value: 3 }], { g: 3, a: 0, b: 3, t: 0 }],
    ['a row outside every unit counts nowhere', [{ path: '/x/a/', value: 5 }], { g: 0, a: 0, b: 0, t: 0 }],
    [
      'a path that only starts like a unit\u2019s is not in it',
      [{ path: '/g/ab/', value: 1 }],
      { g: 1, a: 0, b: 0, t: 0 },
    ],
    [
      'rows add up',
      [
        { path: '/g/a/', value: 1 },
        { path: '/g/a/t/', value: 1 },
        { path: '/g/b/c/', value: 4 },
      ],
      { g: 6, a: 2, b: 4, t: 1 },
    ],
  ])('%s', (_name, rows, expected) => {
    const out = foldBySubtree('count', units, rows);
    expect(Object.fromEntries([...out].map(([id, v]) => [id, v.value]))).toEqual(expected);
    expect([...out.values()].every((v) => v.of === null)).toBe(true);
  });

  it('adds numerators and denominators of a rate, zero out of zero where nothing was due', () => {
    const out = foldBySubtree('rate', units, [
      { path: '/g/a/t/', value: 1, of: 2 },
      { path: '/g/a/', value: 3, of: 3 },
    ]);
    expect(out.get('g')).toEqual({ value: 4, of: 5 });
    expect(out.get('t')).toEqual({ value: 1, of: 2 });
    expect(out.get('b')).toEqual({ value: 0, of: 0 });
  });
});

describe('commonAncestorPath', () => {
  it.each([
    ['one unit: its own path', ['/g/a/'], '/g/a/'],
    ['siblings: their parent', ['/g/a/', '/g/b/'], '/g/'],
    ['a unit and one below it: the unit', ['/g/a/t/', '/g/a/'], '/g/a/'],
    ['a path that only starts like another is not under it', ['/g/a/', '/g/ab/'], '/g/'],
    ['two enterprises: the top', ['/g/a/', '/h/'], '/'],
    ['none asked: the top', [], '/'],
  ])('%s', (_name, paths, expected) => {
    expect(commonAncestorPath(paths)).toBe(expected);
  });
});
