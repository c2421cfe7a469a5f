/**
 * The default two-level coal taxonomy (DOMAIN.md §6.3), loaded into an empty `category` table at
 * start; an admin edits it afterwards. Level-1 entries carry the national 内容分类 they map to.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

type Level1 = { code: string; name: string; national: string; children: string[] };

export const DEFAULT_TAXONOMY: Level1[] = [
  {
    code: '01',
    name: '工资薪酬',
    national: '劳动社保',
    children: ['工资分配/考核扣款', '奖金绩效', '拖欠工资', '加班/津贴补贴', '劳保用品/班中餐', '外包/农民工工资'],
  },
  {
    code: '02',
    name: '社会保险',
    national: '劳动社保',
    children: [
      '养老保险缴费/补缴',
      '视同缴费工龄/工龄认定',
      '退休审批/待遇核定',
      '医疗保险',
      '失业保险',
      '企业年金/补充保险',
    ],
  },
  {
    code: '03',
    name: '工伤与职业病',
    national: '劳动社保',
    children: [
      '工伤认定',
      '劳动能力鉴定',
      '工伤待遇/一次性补助',
      '工亡抚恤/遗属',
      '尘肺病等职业病诊断',
      '职业史证明',
      '职业健康检查',
    ],
  },
  {
    code: '04',
    name: '劳动关系与用工',
    national: '劳动社保',
    children: [
      '劳动合同签订/解除',
      '事实劳动关系',
      '岗位调整/转岗',
      '内退/待岗/放假',
      '辞退处分申诉',
      '劳务派遣/外包',
      '招聘录用',
    ],
  },
  {
    code: '05',
    name: '改制与安置遗留',
    national: '劳动社保',
    children: ['关闭破产/去产能分流安置', '经济补偿/买断', '集体企业/混岗工身份', '企业办社会职能移交', '整合重组遗留'],
  },
  {
    code: '06',
    name: '离退休与困难帮扶',
    national: '民政',
    children: ['离退休待遇', '遗属/抚恤人员', '工残人员', '困难职工帮扶/救助', '子女就业'],
  },
  {
    code: '07',
    name: '住房与矿区生活',
    national: '城乡建设',
    children: ['职工住房/分房', '棚户区改造', '水电暖/物业（三供一业）', '矿区环境卫生/交通班车'],
  },
  {
    code: '08',
    name: '采煤沉陷与企地关系',
    national: '国土资源',
    children: [
      '房屋裂缝/损毁',
      '搬迁安置',
      '土地/林地占用补偿',
      '耕地塌陷/复垦',
      '水源影响',
      '运输扬尘噪声',
      '环境污染',
    ],
  },
  {
    code: '09',
    name: '安全生产',
    national: '交通能源环保',
    children: ['安全隐患举报', '作业环境/通风粉尘', '劳动防护', '超时/超强度作业'],
  },
  {
    code: '10',
    name: '干部作风与纪律',
    national: '纪检监察',
    children: ['干部作风', '选拔任用/竞聘公正', '违规违纪举报', '吃拿卡要', '打击报复投诉'],
  },
  {
    code: '11',
    name: '经营管理',
    national: '经济综合',
    children: ['物资/材料管理', '工程招投标与合同', '承包/外委', '财务公开/厂务公开'],
  },
  {
    code: '12',
    name: '建议意见',
    national: '意见建议',
    children: ['管理改进', '安全/技术合理化建议', '政策制定前意见征集'],
  },
  { code: '13', name: '涉法涉诉', national: '政法', children: ['已进入/应进入劳动仲裁、诉讼、复议'] },
  { code: '99', name: '其他', national: '其他', children: [] },
];

/** Insert the default taxonomy when the table is empty. @returns the number of rows inserted */
export async function ensureDefaultTaxonomy(db: Kysely<DB>): Promise<number> {
  const existing = await db.selectFrom('category').select('code').limit(1).execute();
  if (existing.length > 0) return 0;
  const rows = DEFAULT_TAXONOMY.flatMap((level1, i) => [
    {
      code: level1.code,
      parent_code: null,
      name: level1.name,
      national_category: level1.national,
      active: 1,
      sort_order: i,
    },
    ...level1.children.map((name, j) => ({
      code: `${level1.code}${String(j + 1).padStart(2, '0')}`,
      parent_code: level1.code,
      name,
      national_category: null,
      active: 1,
      sort_order: j,
    })),
  ]);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('category')
      .values(rows.filter((r) => r.parent_code === null))
      .execute();
    await trx
      .insertInto('category')
      .values(rows.filter((r) => r.parent_code !== null))
      .execute();
  });
  return rows.length;
}
