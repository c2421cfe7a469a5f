import { describe, expect, it } from 'vitest';
import { PortalFilingInputSchema } from '../../../common/schemas/portal.ts';
import { checkFiles, checkFiling, fieldOf, filingInput, OTHER_UNIT, type FilingValues } from './filing.ts';
import { ui } from './labels.ts';

const LIMITS = { maxFiles: 2, fileMaxBytes: 1024 };
const NOW = new Date('2026-11-28T04:00:00Z');
const BASE: FilingValues = {
  anonymous: true,
  name: '',
  idNumber: '',
  phone: '',
  identity: 'employee',
  matter: 'appeal',
  categoryCode: '',
  unitCode: '',
  title: '',
  body: '井下三号皮带巷积水严重，请尽快处理。',
  namedPersons: [],
};

describe('checkFiles', () => {
  it.each([
    [
      'a photo and a PDF',
      [
        { name: 'a.png', size: 10, type: 'image/png' },
        { name: 'b.pdf', size: 10, type: 'application/pdf' },
      ],
      null,
    ],
    ['a JPEG known by its name only', [{ name: '照片.JPG', size: 10, type: '' }], null],
    [
      'too many',
      [
        { name: 'a.png', size: 1, type: 'image/png' },
        { name: 'b.png', size: 1, type: 'image/png' },
        { name: 'c.png', size: 1, type: 'image/png' },
      ],
      '最多上传 2 个文件',
    ],
    ['too big', [{ name: 'big.jpg', size: 2048, type: 'image/jpeg' }], '「big.jpg」超过'],
    [
      'a Word file',
      [{ name: 'x.docx', size: 10, type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }],
      '「x.docx」不是照片或 PDF',
    ],
  ])('%s', (_label, files, expected) => {
    const result = checkFiles(files, LIMITS);
    if (expected === null) expect(result).toBeNull();
    else expect(result).toContain(expected);
  });
});

describe('checkFiling', () => {
  it.each<[string, Partial<FilingValues>, string[]]>([
    ['an anonymous petition', {}, []],
    ['a short text', { body: '太短' }, ['body']],
    ['real name without contact', { anonymous: false, name: '王大山' }, ['phone']],
    ['real name without a name', { anonymous: false, phone: '13812345678' }, ['name']],
    [
      'a wrong check character (GB 11643)',
      { anonymous: false, name: '王大山', idNumber: '110105194912310021' },
      ['idNumber'],
    ],
    ['a right ID number', { anonymous: false, name: '王大山', idNumber: '11010519491231002x' }, []],
    ['a bad phone', { anonymous: false, name: '王大山', phone: '12345' }, ['phone']],
  ])('%s', (_label, change, fields) => {
    expect(Object.keys(checkFiling({ ...BASE, ...change }, [], LIMITS, NOW)).sort()).toEqual(fields.sort());
  });

  it('says which contact is missing in plain words', () => {
    expect(checkFiling({ ...BASE, anonymous: false, name: '王' }, [], LIMITS, NOW).phone).toBe(ui.fieldErrors.contact);
  });
});

describe('filingInput', () => {
  it('sends no identity for an anonymous petition and passes the server contract', () => {
    const input = filingInput({ ...BASE, name: '留下的名字' }, 'U01', 'c.h.s', '1a');
    expect(input).not.toHaveProperty('name');
    expect(PortalFilingInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends the real-name fields it has', () => {
    const input = filingInput(
      { ...BASE, anonymous: false, name: ' 王大山 ', phone: '13812345678', categoryCode: '01' },
      null,
      'c',
      'n',
    );
    expect(input).toMatchObject({
      anonymous: false,
      name: '王大山',
      phone: '13812345678',
      identity: 'employee',
      categoryCode: '01',
    });
    expect(input).not.toHaveProperty('idNumber');
    expect(PortalFilingInputSchema.safeParse(input).success).toBe(true);
  });

  it('sends the persons named (被反映人): a picked unit as its code, another unit as written, blank rows left out', () => {
    const input = filingInput(
      {
        ...BASE,
        matter: 'accusation',
        namedPersons: [
          { name: ' 张志强 ', unitCode: 'DS01', unitText: '', position: '矿长' },
          { name: '李四', unitCode: OTHER_UNIT, unitText: ' 外包工程队 ', position: '' },
          { name: ' ', unitCode: '', unitText: '', position: '' },
        ],
      },
      null,
      'c',
      'n',
    );
    expect(input.namedPersons).toEqual([
      { name: '张志强', unitCode: 'DS01', position: '矿长' },
      { name: '李四', unitText: '外包工程队' },
    ]);
    expect(PortalFilingInputSchema.safeParse(input).success).toBe(true);
    expect(filingInput(BASE, null, 'c', 'n')).not.toHaveProperty('namedPersons');
  });

  it('asks for the name of a person given only a unit or a position', () => {
    const errors = checkFiling(
      { ...BASE, namedPersons: [{ name: '', unitCode: 'DS01', unitText: '', position: '矿长' }] },
      [],
      LIMITS,
      NOW,
    );
    expect(errors).toEqual({ namedPersons: ui.fieldErrors.namedName });
  });

  it.each([
    ['the QR code’s unit', 'U01', '', { unitCode: 'U01', unitSource: 'qr' }],
    ['the unit chosen from the list', null, 'U0203', { unitCode: 'U0203', unitSource: 'list' }],
    ['the QR code’s unit over a choice', 'U01', 'U0203', { unitCode: 'U01', unitSource: 'qr' }],
  ] as const)('says which unit the matter concerns: %s', (_, qr, chosen, expected) => {
    const input = filingInput({ ...BASE, unitCode: chosen }, qr, 'c', 'n');
    expect(input).toMatchObject(expected);
    expect(PortalFilingInputSchema.safeParse(input).success).toBe(true);
  });

  it('says no unit when none was given', () => {
    expect(filingInput(BASE, null, 'c', 'n')).not.toHaveProperty('unitCode');
  });

  it('maps a server issue to its field', () => {
    expect(fieldOf(['namedPersons', 0, 'unitCode'])).toBe('namedPersons');
    expect(fieldOf(['idNumber'])).toBe('idNumber');
    expect(fieldOf(['files'])).toBe('files');
    expect(fieldOf(['somethingElse'])).toBeNull();
  });
});
