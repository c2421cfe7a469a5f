/**
 * The demo's 法规政策库 beside the built-in 《信访工作条例》: the two wage provisions of the Labour Law and
 * the wage payment rules a wage case rests on, the group's own pay policy (one article revised this
 * year, so a superseded version is on file), a 答复口径 and a 典型案例 — entered by the group office
 * through the knowledge service, tagged with the petition categories they answer.
 */
import type { Actor } from '../../common/domain/access.ts';
import type { KnowledgeArticleInput, KnowledgeDocumentInput } from '../../common/schemas/knowledge.ts';
import { addArticle, addVersion, createDocument } from '../modules/knowledge/index.ts';
import type { ServiceDeps } from '../platform/deps.ts';
import { demoActor } from './demo-people.ts';

type DemoDocument = KnowledgeDocumentInput & {
  articles: (KnowledgeArticleInput & { revised?: { text: string; effectiveFrom: string } })[];
};

const DOCUMENTS: DemoDocument[] = [
  {
    kind: 'law',
    title: '中华人民共和国劳动法',
    issuer: '全国人民代表大会常务委员会',
    summary: '1994年7月5日通过，1995年1月1日起施行，2018年12月29日第二次修正。',
    articles: [
      {
        number: '第四十四条',
        text: '有下列情形之一的，用人单位应当按照下列标准支付高于劳动者正常工作时间工资的工资报酬：（一）安排劳动者延长工作时间的，支付不低于工资的百分之一百五十的工资报酬；（二）休息日安排劳动者工作又不能安排补休的，支付不低于工资的百分之二百的工资报酬；（三）法定休假日安排劳动者工作的，支付不低于工资的百分之三百的工资报酬。',
        effectiveFrom: '1995-01-01',
        categoryCodes: ['0104'],
      },
      {
        number: '第五十条',
        text: '工资应当以货币形式按月支付给劳动者本人。不得克扣或者无故拖欠劳动者的工资。',
        effectiveFrom: '1995-01-01',
        categoryCodes: ['0103'],
      },
    ],
  },
  {
    kind: 'regulation',
    title: '工资支付暂行规定',
    issuer: '劳动部',
    documentNumber: '劳部发〔1994〕489号',
    articles: [
      {
        number: '第七条',
        text: '工资必须在用人单位与劳动者约定的日期支付。如遇节假日或休息日，则应提前在最近的工作日支付。工资至少每月支付一次，实行周、日、小时工资制的可按周、日、小时支付工资。',
        effectiveFrom: '1995-01-01',
        categoryCodes: ['0103'],
      },
    ],
  },
  {
    kind: 'policy',
    title: '集团公司职工薪酬管理办法',
    issuer: '集团公司人力资源部',
    documentNumber: '集团人〔2024〕3号',
    articles: [
      {
        number: '第十二条',
        text: '职工加班的，所在单位应当按规定足额支付加班工资，不得以调休、补助代替。加班工资随当月工资一并发放。',
        effectiveFrom: '2024-01-01',
        categoryCodes: ['01'],
        revised: {
          text: '职工加班的，所在单位应当按规定足额支付加班工资，不得以调休、补助代替。区队应当于每月5日前报送上月加班记录，加班工资随次月工资一并发放，最迟不超过次月15日。',
          effectiveFrom: '2026-01-01',
        },
      },
      {
        number: '第十五条',
        text: '井下津贴按实际下井天数和岗位类别计发，计发标准调整前应当在职工代表大会或者区队职工大会上公布并听取意见。',
        effectiveFrom: '2024-01-01',
        categoryCodes: ['0104'],
      },
      {
        number: '第二十条',
        text: '因核算、审批等原因未能按期发放的工资，所在单位应当在发现之日起10个工作日内补发，并向职工说明原因；无故拖欠的，追究有关人员责任。',
        effectiveFrom: '2024-01-01',
        categoryCodes: ['0103'],
      },
    ],
  },
  {
    kind: 'model_reply',
    title: '关于加班工资未按时发放问题的答复口径',
    issuer: '集团公司信访办公室',
    articles: [
      {
        number: '口径一',
        text: '经核实确属未按时发放的，明确补发时间和金额，由区队负责人当面向职工说明原因，并在补发后回访；对有关人员工作失职的，按规定处理。',
        effectiveFrom: '2025-03-01',
        categoryCodes: ['0103', '0104'],
      },
    ],
  },
  {
    kind: 'typical_case',
    title: '南峪煤矿掘进队加班工资补发案',
    issuer: '集团公司信访办公室',
    articles: [
      {
        number: '案情与处理',
        text: '2025年5月，南峪煤矿掘进队11名职工反映两个月加班工资未发放。矿信访办受理后调取考勤和加班记录，查明系区队未按时报送加班记录所致，依照《集团公司职工薪酬管理办法》第二十条于10个工作日内补发，区队长作出书面检查。信访人对处理结果表示满意，事项办结。',
        effectiveFrom: '2025-07-01',
        categoryCodes: ['0103'],
      },
    ],
  },
];

/** The demo library, entered by the group office (`officer`). @returns the number of documents added */
export async function seedDemoKnowledge(deps: ServiceDeps): Promise<{ documents: number; articles: number }> {
  const office: Actor = await demoActor(deps.db, 'officer');
  let articles = 0;
  for (const { articles: list, ...document } of DOCUMENTS) {
    const { id } = await createDocument(deps, office, document);
    for (const { revised, ...article } of list) {
      const detail = await addArticle(deps, office, id, article);
      articles += 1;
      const added = detail.articles.at(-1);
      if (revised !== undefined && added !== undefined) await addVersion(deps, office, added.id, revised);
    }
  }
  return { documents: DOCUMENTS.length, articles };
}
