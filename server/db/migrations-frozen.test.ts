/**
 * Migrations are frozen in time: once a migration is on main, its file never changes (a database
 * that already ran it would silently differ from a new one). This test holds the SHA-256 of every
 * migration file; an edited migration fails here — write a new migration instead. A new migration
 * is added to the list in the commit that creates it.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.ts';

const DIR = path.join(import.meta.dirname, 'migrations');

/** name → sha256 of the file's bytes, as first committed. */
const FROZEN: Record<string, string> = {
  '2026-11-28-001-organisation': '4df8465bfa109a2fd7bc565c3650eb26ddc17de5b98cf40436e21e53b512de05',
  '2026-11-28-002-petition': '734b6ab8c9a174c9682708e4f63b9c3d7d0b851bd64c1adcac5c6e2346f10076',
  '2026-11-28-003-petition-due-order': '97dbde6dceb1097988cc3d9907b5f15ff21e9c1df94b2f307d81bd7c881c2bca',
  '2026-11-28-004-document': '4f0ac869381d376ebaf37d181b837652dae7335ca13c46673775107aea3cca40',
  '2026-11-28-005-ledger': 'ea03169897b5968fb13a043cb9815e7c19676212b5bb57c67a022f8cb75f8c0e',
  '2026-11-28-008-portal': '36e2ffccd9a1f042d63742ec9fd296948d20e22a31a97384cd2bd45005648baa',
  '2026-11-28-009-warning': '20802a52a9efca0a3ddacc6ad85620c1b3610d46b5ac59a422db545675340a68',
  '2026-11-28-010-dashboard': '90d5ada2fe79d20dbbf1576ccd9665aa00a52d161358e3ea393fd2b0ec51dce0',
  '2026-11-28-011-search': 'e59975775d765ef84e287f363d69219081bb7437bf21459ebad2ecad41de967d',
  '2026-11-28-012-text': '094a1f6148f5ff7375daf2158155c41187418a841e0ef049cb3d3d64d96081b4',
  '2026-12-07-001-one-write-path': 'dcc81341e4088bf1b4eb9e20f966b9007bf9f62da636cfebb906a6a4e3a9d5a8',
  '2026-12-07-002-deadline-due': '90eca294d2fcc09f9f420d3386c34a4656cfe5ad955d6889cfe6e6d8536bd66e',
  '2026-12-07-003-audit-filters': 'bbfdef32f030f7c47d867d1ab73b43f5744d291c7943fa02fa72c3ac52d16340',
  '2026-12-07-004-field-key-check': 'b15bd8faaa94e70008d434772f128873332641729c61ea8c0ee1f4e6630be726',
  '2026-12-07-005-login-guard': 'abeae92cffc598bc1cc463e33ca9b165db51ced32c8316f39afafed6b1301fa5',
  '2026-12-07-010-named-persons': '1c97e16c95532ccb3870f755de875e028e5e997a7232045b9c0fe38fb5b10170',
  '2026-12-07-050-intake': '3f07c702a1254909e15b12433a1ae9d1175fad181579beea064f2c2e0878d913',
  '2026-12-07-060-escalate': '16ee26946f5978c24da2d780bc55d6b71d64f0d29ea3b9578ee7661eaf8923ac',
  '2026-12-07-070-reply-outcomes': '29e550ef7ff0b83302e9d77f49ce277d6d3099501ba6728387bf2d52e94e1eb6',
  '2026-12-07-075-audit-head': '1a400d23455778559e8d01e75261eb8eba774ae0556415be2975ee5f3a6ee3d9',
  '2026-12-07-080-prevention': '6efe1465d25a54d750dc604b639cfa004b81d6db8719a99ac45799969762fa17',
  '2026-12-07-090-duty': 'dd756d68f3ee0a01ec32aea378687ea2ad29bbfe50c0b7b070c918203e435073',
  '2026-12-07-100-daily-report': '7ed111d06945c9ba7418ea2d0c8b807eb101483eed62b472193bada3be6b35d6',
  '2026-12-07-110-repeat-samples': '6d79ae1414bd5ae62a7adfe2f016f7cc001951f8bc65688386aafe77c5664a23',
  '2026-12-07-120-partner': 'f82cb21e67649be1b3812ab91e955dfc3fee37a69367776a53328d94e90f4e77',
  '2026-12-07-130-emergency': '1a665174e963930cfcdbdd36f707b575318205b74d7451d1e149555cde166002',
  '2026-12-07-140-appraisal': '9466b572dcd3696561ea838d0f85cf05cef2b30064f1c9d4b70ad18f0d16f6fa',
  '2026-12-07-150-knowledge': '214ed3a2f68ea3729f7d6d5d1acc3f050bf80f15704bda1f9facf900a264f50e',
  '2026-12-07-160-training': 'a3c08af17c5d8d065dd6a780558ce4ca1068ec804ef9f1ed2594d162af330572',
  '2026-12-07-170-consultation': '60bcfffada946e0e07f76ddf8fdd02f3f08cbe37e2b63dda823f7452c9050ad8',
  '2026-12-07-175-publicity': '159138b6eb55c1b61a360d002210485d9182d89e338f4cd4bc6604afa50c4dcd',
  '2026-12-07-180-accountability': 'ddecfdd3508dbf440bcb3cc087e9b78e5cbdc02734980f166f7130097a96878d',
  '2026-12-07-180-indicator-columns': '2b9aadb12e7df34ae763b3ac1b326dfc1af2dd3251d28b468375493c85b94390',
  '2026-12-07-220-report-unit-figures': '042c66c633b77a30299a97ab8bede3942278ab9022eb237b0b0c7911cfb22ae3',
  '2026-12-07-230-cluster': 'd7fdc05cf4943079de69548a8c118f2322ec2d3eb86e7f0675f163ec7e25340a',
  '2026-12-07-240-petition-rollup': 'e7d7b6c32777dedfa2a467fc808e1a78af8bf53aa2e779d8f57c9a2d7af0499b',
  '2026-12-07-250-ledger-import-batches': 'd3501b54a35331e170766fcc9ad12a225f91e2e5b3450ba079a3a6127073f71c',
  '2026-12-07-260-appraisal-leaders': 'f81ad01513f70a7da3fb49405ce7b7114d8d33a3e93f834dc344b24cd8188dae',
  '2026-12-07-265-figure-indexes': 'ceb04f1730bcea3f6cbfd92111aee8456355d88d3c36a13895590dd398a73d67',
  '2026-12-07-280-list-indexes': 'b036a2d187f686f9a3d8bad57d1b67686710018e90ccab71d4f817c74cf2497b',
  '2026-12-07-290-list-order-indexes': 'e0b868b3532aaf915d3a7b719b5fe43cf9b17f34a6b48e2ec496d38b2630668b',
  '2026-12-08-330-search-newest': 'f6218b1872cfe607059437ca5481d8225fc53076ff26c6f91385cfc26688fd89',
};

function hashOf(name: string): string {
  return createHash('sha256')
    .update(fs.readFileSync(path.join(DIR, `${name}.ts`)))
    .digest('hex');
}

describe('migrations', () => {
  const files = fs
    .readdirSync(DIR)
    .filter((f) => /^\d{4}-\d{2}-\d{2}-\d{3}-.+\.ts$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();

  it('lists every migration file in the history, in date order', () => {
    expect(Object.keys(migrations)).toEqual(files);
  });

  it('holds a frozen hash for every migration file (add a new migration to FROZEN when you create it)', () => {
    expect(Object.keys(FROZEN).sort()).toEqual(files);
  });

  it.each(files)('%s is unchanged since it was first committed', (name) => {
    expect(hashOf(name), `${name}.ts changed after it shipped: write a new migration instead`).toBe(FROZEN[name]);
  });
});
