/**
 * The wording each document kind starts with (version 1 of its template). Data, not interface
 * labels: an administrator edits it in the workbench, and every edit becomes a new version.
 * The content each must carry follows DOMAIN.md §1.3: the 信访处理意见书 states the request, the facts
 * and reasons, the opinion and its legal basis, the result and the review route with its limit
 * (第32条, 第35条) and the 四个到位 that apply with what was done for each (第27条); the 复查意见书
 * names the respondent and the 复核 route; the 复核意见书 is final. Each quotes the articles it cites from
 * the 法规政策库 (`citedArticles`: one paragraph per article, title, number and text; issue #17).
 */
import type { DocumentKind, TemplateText } from '../../../common/domain/documents.ts';

export const DEFAULT_TEMPLATES: Readonly<Record<DocumentKind, TemplateText>> = {
  acceptance_notice: {
    title: '信访事项受理告知书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信受',
    body: [
      '你（们）于{{receivedDate}}提出的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}），经审查，符合受理条件，本单位已于{{acceptedDate}}依法受理，由{{handlingUnit}}负责办理。',
      '依照《信访工作条例》第二十三条、第三十四条的规定，本单位将依法及时办理，并出具书面处理意见。{{conclusionDueDate}}',
      '你（们）可凭案件编号和查询码查询办理进度。',
      '特此告知。',
    ].join('\n'),
  },
  non_acceptance_notice: {
    title: '信访事项{{decisionLabel}}告知书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信告',
    body: [
      '你（们）于{{receivedDate}}提出的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}），经审查，本单位于{{decisionDate}}决定{{decisionLabel}}。',
      '理由：{{reason}}',
      '{{authority}}',
      '{{routeLabel}}',
      '依照《信访工作条例》第二十三条的规定，特此书面告知。',
    ].join('\n'),
  },
  transfer_notice: {
    title: '信访事项{{transferLabel}}通知',
    addressee: '{{handlingUnit}}',
    numberPrefix: '信转',
    body: [
      '现将{{receivedDate}}收到的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}）{{transferLabel}}你单位，请依照《信访工作条例》第二十二条、第二十三条的规定依法办理。',
      '信访事项摘要：{{petitionBody}}',
      '{{reportDueDate}}',
      '{{note}}',
      '如认为不属于你单位职权范围，请自收到之日起{{objectionDays}}个工作日内提出异议并详细说明理由。',
    ].join('\n'),
  },
  extension_notice: {
    title: '信访事项延期办理告知书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信延',
    body: [
      '你（们）于{{receivedDate}}提出的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}），因{{extensionReason}}，经本单位负责人批准，办理期限延长{{extensionDays}}日，延长后的办理期限至{{newDueDate}}。',
      '依照《信访工作条例》第三十四条的规定，特此告知。',
    ].join('\n'),
  },
  reply: {
    title: '信访处理意见书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信复',
    body: [
      '你（们）于{{receivedDate}}提出的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}）收悉。现依照《信访工作条例》第三十二条的规定，提出处理意见如下：',
      '一、信访请求：{{request}}',
      '二、事实和理由：{{factsAndReasons}}',
      '三、处理意见：{{opinion}}',
      '四、依据：{{legalBasis}}',
      '{{citedArticles}}',
      '五、处理结果：{{resultLabel}}。',
      '六、“四个到位”落实情况：',
      '{{fourOutcomes}}',
      '如对本处理意见不服，可以自收到本意见书之日起{{reviewDays}}日内，向{{reviewBody}}书面请求复查，并提交本意见书及相关材料。',
    ].join('\n'),
  },
  review_opinion: {
    title: '信访事项复查意见书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信查',
    body: [
      '复查申请人：{{petitionerName}}',
      '被申请人：{{respondentUnit}}',
      '申请人对“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}）的处理意见不服，请求复查。复查请求：{{reviewRequest}}',
      '经复查，意见如下：{{opinion}}',
      '{{citedArticles}}',
      '复查结果：{{resultLabel}}。',
      '如对本复查意见不服，可以自收到本意见书之日起{{reconsiderationDays}}日内，向{{reconsiderationBody}}请求复核（《信访工作条例》第三十六条）。',
    ].join('\n'),
  },
  reconsideration_opinion: {
    title: '信访事项复核意见书',
    addressee: '{{petitionerName}}',
    numberPrefix: '信核',
    body: [
      '复核申请人：{{petitionerName}}',
      '被申请人：{{respondentUnit}}',
      '申请人对“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}）的复查意见不服，请求复核。复核请求：{{reconsiderationRequest}}',
      '经复核，意见如下：{{opinion}}',
      '{{citedArticles}}',
      '复核结果：{{resultLabel}}。',
      '本复核意见为终结意见。依照《信访工作条例》第三十六条第三款的规定，信访人对复核意见不服，仍以同一事实和理由提出信访的，不再受理。',
    ].join('\n'),
  },
  mediation_agreement: {
    title: '{{agreementLabel}}',
    addressee: '',
    numberPrefix: '信调',
    body: [
      '信访人：{{petitionerName}}',
      '承办单位：{{handlingUnit}}',
      '事项：“{{petitionTitle}}”（案件编号：{{caseNumber}}）',
      '经{{handlingUnit}}依照《信访工作条例》第三十三条组织，双方在自愿、合法的基础上达成协议如下：',
      '{{agreement}}',
      '本协议自双方签字之日起生效。',
      '信访人（签字）：　　　　　　承办单位（盖章）：',
    ].join('\n'),
  },
  completion_report: {
    title: '关于“{{petitionTitle}}”信访事项的办结报告',
    addressee: '{{addresseeUnit}}',
    numberPrefix: '信结',
    body: [
      '你单位交办的“{{petitionTitle}}”信访事项（案件编号：{{caseNumber}}），本单位已办理完毕，现将办理情况报告如下：',
      '一、处理意见：{{replyOpinion}}',
      '二、处理结果：{{resultLabel}}；办结情况：{{outcomeLabel}}，办结日期{{concludedDate}}。',
      '三、信访人评价：{{satisfactionLabel}}',
      '特此报告。',
    ].join('\n'),
  },
  // 报告 is the 文种 for answering a higher body (《党政机关公文处理工作条例》第8条): 主送 the body that
  // sent the matter, its 文号 cited, the facts, the handling so far and the result, 特此报告.
  referral_report: {
    title: '关于“{{petitionTitle}}”信访事项{{replyFormLabel}}的报告',
    addressee: '{{referralBody}}',
    numberPrefix: '信报',
    body: [
      '你单位{{referralRouteLabel}}的“{{petitionTitle}}”信访事项（{{referralNumber}}；本单位案件编号：{{caseNumber}}）收悉。本单位于{{receivedDate}}登记，由{{handlingUnit}}办理。现将{{replyFormLabel}}报告如下：',
      '一、反映的问题：{{petitionerName}}反映，{{petitionBody}}',
      '二、办理情况：{{progress}}',
      '{{outcomeLine}}',
      '{{attachmentLine}}',
      '特此报告。',
    ].join('\n'),
  },
  accountability_decision: {
    title: '关于对{{subjectName}}予以{{measureLabel}}的决定',
    addressee: '{{subjectName}}',
    numberPrefix: '信奖惩',
    body: [
      '{{basisLine}}',
      '经查：{{facts}}',
      '依照《信访工作条例》第三十九条、第四十二条至第四十六条的规定，经研究，决定对{{subjectName}}予以{{measureLabel}}。',
      '{{decision}}',
      '{{rectifyLine}}',
      '特此决定。',
    ].join('\n'),
  },
};
